/**
 * Data contracts toolkit: ODCS v3.1 model ({@link org.dnsmesh.contracts.model}), reading and writing
 * ({@link org.dnsmesh.contracts.DataContracts}), two-layer validation ({@link org.dnsmesh.contracts.ContractValidator}),
 * Avro derivation and fingerprints ({@link org.dnsmesh.contracts.AvroSchemas}, {@link org.dnsmesh.contracts.Fingerprints}),
 * graded compatibility ({@link org.dnsmesh.contracts.compat.CompatibilityChecker}) and the {@code mesh contract} CLI
 * ({@link org.dnsmesh.contracts.cli.ContractCommand}). See the module README for the rule tables.
 */
package org.dnsmesh.contracts;
