/** product-kit. */
package org.dnsmesh.productkit;
