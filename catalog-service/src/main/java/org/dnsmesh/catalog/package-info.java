/** catalog-service. */
package org.dnsmesh.catalog;
