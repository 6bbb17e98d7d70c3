/** One customer database: profiles of customers and prospects, consents, the customer list and page. */
@NullMarked
package io.clientele.customer;

import org.jspecify.annotations.NullMarked;
