package org.dnsmesh.infra.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.FunctionProvider;
import io.trino.spi.transaction.IsolationLevel;
import java.util.Optional;

/** The masking catalog: metadata that lists the pseudonym function, and its implementation. */
final class MaskingConnector implements Connector {
  /** Nothing is transactional here: one handle serves every transaction. */
  enum Transaction implements ConnectorTransactionHandle { INSTANCE }

  private final MaskingMetadata metadata = new MaskingMetadata();
  private final PseudonymFunctionProvider functions = new PseudonymFunctionProvider();

  @Override
  public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly,
      boolean autoCommit) {
    return Transaction.INSTANCE;
  }

  @Override
  public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction) {
    return metadata;
  }

  @Override
  public Optional<FunctionProvider> getFunctionProvider() {
    return Optional.of(functions);
  }
}
