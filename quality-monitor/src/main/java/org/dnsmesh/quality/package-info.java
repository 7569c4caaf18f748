/**
 * Quality monitor: checks each product table against its contract's SLA (subpackage {@code check}), keeps
 * history and alert state ({@code store}), publishes alerts ({@code alert}), metrics ({@code metrics}) and
 * OpenLineage facets ({@code lineage}); {@code service} is the runnable poll loop, {@code cli} the status
 * commands. See the module README.
 */
package org.dnsmesh.quality;
