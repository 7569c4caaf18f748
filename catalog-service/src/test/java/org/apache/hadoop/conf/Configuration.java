package org.apache.hadoop.conf;

/**
 * Test-only stand-in for Hadoop's {@code Configuration}. The compatibility kit's {@code RCKUtils} (1.11.0)
 * calls {@code restCatalog.setConf(new Configuration())}; the REST client only stores the object and our
 * {@code LocalFileIO} never reads it, so an empty class saves putting ~30 MB of Hadoop client jars on the
 * test class path. Never on the service's class path.
 */
public class Configuration {
  public Configuration() {}
}
