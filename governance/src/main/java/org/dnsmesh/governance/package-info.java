/** governance. */
package org.dnsmesh.governance;
