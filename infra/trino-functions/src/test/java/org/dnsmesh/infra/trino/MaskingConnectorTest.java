package org.dnsmesh.infra.trino;

import static io.trino.spi.function.InvocationConvention.InvocationArgumentConvention.BOXED_NULLABLE;
import static io.trino.spi.function.InvocationConvention.InvocationArgumentConvention.NEVER_NULL;
import static io.trino.spi.function.InvocationConvention.InvocationReturnConvention.FAIL_ON_NULL;
import static io.trino.spi.function.InvocationConvention.InvocationReturnConvention.NULLABLE_RETURN;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.function.InvocationConvention;
import io.trino.spi.function.SchemaFunctionName;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin offers the pseudonym only as a catalog function (which access control checks), never a global one. */
class MaskingConnectorTest {

  @Test
  void thePluginHasNoGlobalFunctionOnlyTheMaskingConnector() {
    MeshFunctionsPlugin plugin = new MeshFunctionsPlugin();
    assertThat(plugin.getFunctions()).as("a global function is executable by every user").isEmpty();
    List<String> names = new java.util.ArrayList<>();
    for (ConnectorFactory factory : plugin.getConnectorFactories()) {
      names.add(factory.getName());
    }
    assertThat(names).containsExactly("dnsmesh_masking");
  }

  @Test
  void theFunctionIsListedInTheMaskingSchemaOnly() {
    var metadata = (MaskingMetadata) new MaskingConnectorFactory().create("mesh", Map.of(), null)
        .getMetadata(null, MaskingConnector.Transaction.INSTANCE);
    assertThat(metadata.listSchemaNames(null)).containsExactly("masking");
    assertThat(metadata.getFunctions(null, new SchemaFunctionName("masking", "pseudonym"))).hasSize(1);
    assertThat(metadata.getFunctions(null, new SchemaFunctionName("default", "pseudonym"))).isEmpty();
    assertThat(metadata.listFunctions(null, "other")).isEmpty();
  }

  @Test
  void theImplementationAdaptsToTheEnginesConventionsAndIsTheRfc4231Hmac(@TempDir Path dir) throws Throwable {
    Path keys = dir.resolve("trino.properties");
    Files.writeString(keys, "masking-key=Jefe\n");
    System.setProperty(PseudonymKey.KEY_FILE_SETTING, keys.toString());
    PseudonymFunctionProvider provider = new PseudonymFunctionProvider();
    Slice input = Slices.utf8Slice("what do ya want for nothing?");
    String expected = "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"; // RFC 4231 case 2

    MethodHandle plain = provider.getScalarFunctionImplementation(MaskingMetadata.PSEUDONYM_ID, null, null,
        InvocationConvention.simpleConvention(FAIL_ON_NULL, NEVER_NULL)).getMethodHandle();
    assertThat(((Slice) plain.invoke(input)).toStringUtf8()).isEqualTo(expected);

    MethodHandle nullable = provider.getScalarFunctionImplementation(MaskingMetadata.PSEUDONYM_ID, null, null,
        InvocationConvention.simpleConvention(NULLABLE_RETURN, BOXED_NULLABLE)).getMethodHandle();
    assertThat(((Slice) nullable.invoke(input)).toStringUtf8()).isEqualTo(expected);
    assertThat(nullable.invoke((Slice) null)).isNull();
  }
}
