package org.dnsmesh.infra.trino;

import static io.trino.spi.function.InvocationConvention.InvocationArgumentConvention.NEVER_NULL;
import static io.trino.spi.function.InvocationConvention.InvocationReturnConvention.FAIL_ON_NULL;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.function.BoundSignature;
import io.trino.spi.function.FunctionDependencies;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionProvider;
import io.trino.spi.function.InvocationConvention;
import io.trino.spi.function.ScalarFunctionAdapter;
import io.trino.spi.function.ScalarFunctionImplementation;
import io.trino.spi.type.VarcharType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * {@code pseudonym(varchar) -> varchar}: the keyed pseudonym the policy's {@code hmac-token} mask shows instead of a
 * PII value, computed with the key in the server's private file ({@link PseudonymKey}); null in, null out. The method
 * is written for (never null) -> (never null); Trino's adapter turns it into whatever calling convention the engine
 * asks for.
 */
final class PseudonymFunctionProvider implements FunctionProvider {
  private static final MethodHandle PSEUDONYM;

  static {
    try {
      PSEUDONYM = MethodHandles.lookup().findStatic(PseudonymFunctionProvider.class, "pseudonym",
          MethodType.methodType(Slice.class, Slice.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static Slice pseudonym(Slice value) {
    return Slices.utf8Slice(PseudonymKey.installed().pseudonym(value.getBytes()));
  }

  @Override
  public ScalarFunctionImplementation getScalarFunctionImplementation(FunctionId functionId,
      BoundSignature boundSignature, FunctionDependencies dependencies, InvocationConvention convention) {
    if (!MaskingMetadata.PSEUDONYM_ID.equals(functionId)) {
      throw new IllegalArgumentException("unknown function " + functionId);
    }
    MethodHandle adapted = ScalarFunctionAdapter.adapt(PSEUDONYM, VarcharType.VARCHAR, List.of(VarcharType.VARCHAR),
        InvocationConvention.simpleConvention(FAIL_ON_NULL, NEVER_NULL), convention);
    return ScalarFunctionImplementation.builder().methodHandle(adapted).build();
  }
}
