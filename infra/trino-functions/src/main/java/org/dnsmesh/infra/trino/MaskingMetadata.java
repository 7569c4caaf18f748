package org.dnsmesh.infra.trino;

import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.function.BoundSignature;
import io.trino.spi.function.FunctionDependencyDeclaration;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionMetadata;
import io.trino.spi.function.SchemaFunctionName;
import io.trino.spi.function.Signature;
import io.trino.spi.type.VarcharType;
import java.util.Collection;
import java.util.List;

/** Schema {@value #SCHEMA} of the masking catalog: no tables, the function {@value #FUNCTION}. */
final class MaskingMetadata implements ConnectorMetadata {
  static final String SCHEMA = "masking";
  static final String FUNCTION = "pseudonym";
  static final FunctionId PSEUDONYM_ID = new FunctionId("pseudonym(varchar)");
  static final FunctionMetadata PSEUDONYM = FunctionMetadata.scalarBuilder(FUNCTION)
      .functionId(PSEUDONYM_ID)
      .signature(Signature.builder().returnType(VarcharType.VARCHAR).argumentType(VarcharType.VARCHAR).build())
      .description("Keyed pseudonym of a value (uppercase hex HMAC-SHA256 with the mesh's private masking key)")
      .build();

  @Override
  public List<String> listSchemaNames(ConnectorSession session) {
    return List.of(SCHEMA);
  }

  @Override
  public Collection<FunctionMetadata> listFunctions(ConnectorSession session, String schemaName) {
    return SCHEMA.equals(schemaName) ? List.of(PSEUDONYM) : List.of();
  }

  @Override
  public Collection<FunctionMetadata> getFunctions(ConnectorSession session, SchemaFunctionName name) {
    return SCHEMA.equals(name.getSchemaName()) && FUNCTION.equals(name.getFunctionName()) ? List.of(PSEUDONYM)
        : List.of();
  }

  @Override
  public FunctionMetadata getFunctionMetadata(ConnectorSession session, FunctionId functionId) {
    if (!PSEUDONYM_ID.equals(functionId)) {
      throw new IllegalArgumentException("unknown function " + functionId);
    }
    return PSEUDONYM;
  }

  @Override
  public FunctionDependencyDeclaration getFunctionDependencies(ConnectorSession session, FunctionId functionId,
      BoundSignature boundSignature) {
    return FunctionDependencyDeclaration.NO_DEPENDENCIES;
  }
}
