package org.dnsmesh.productkit.normalize;

/** Whether the normalised event keeps the U-label form of IDN query names beside the A-label (a contract choice). */
public enum UnicodeNames {
  DROP,
  KEEP
}
