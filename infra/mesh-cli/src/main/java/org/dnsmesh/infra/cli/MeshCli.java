package org.dnsmesh.infra.cli;

public final class MeshCli {
  public static void main(String[] args) {}
}
