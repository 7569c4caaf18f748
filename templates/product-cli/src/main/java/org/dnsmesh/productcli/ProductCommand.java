package org.dnsmesh.productcli;

import picocli.CommandLine.Command;

/** {@code mesh product ...}: data product scaffolding. The lead wires this into the {@code mesh} CLI. */
@Command(name = "product", mixinStandardHelpOptions = true, description = "Create and publish data products.",
    subcommands = {ProductNewCommand.class, ProductPublishCommand.class})
public final class ProductCommand implements Runnable {

  @Override
  public void run() {
    System.out.println("Usage: mesh product new --domain D --name N [--dir data-products]");
    System.out.println("       mesh product publish [--catalog URL] [--token JWT] [CONTRACT]");
  }
}
