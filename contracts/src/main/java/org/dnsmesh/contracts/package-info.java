/** contracts. */
package org.dnsmesh.contracts;
