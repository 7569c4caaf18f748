/** quality-monitor. */
package org.dnsmesh.quality;
