package org.dnsmesh.contracts.model;

import java.util.List;

/** ODCS {@code support} item (a channel: email, slack, ticket, ...). */
public record SupportChannel(
        String id,
        String channel,
        String url,
        String description,
        String tool,
        String scope,
        String invitationUrl,
        List<CustomProperty> customProperties) {
    public SupportChannel {
        customProperties = Lists.of(customProperties);
    }
}
