package org.dnsmesh.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * ODCS v3.1 {@code team} object: the owning team. The deprecated v3.0 form (a bare list of members) is read
 * into a team without a name and always written back in the v3.1 object form.
 */
public record Team(
        String id,
        String name,
        String description,
        List<TeamMember> members,
        List<String> tags,
        List<CustomProperty> customProperties,
        List<AuthoritativeDefinition> authoritativeDefinitions) {
    public Team {
        members = Lists.of(members);
        tags = Lists.of(tags);
        customProperties = Lists.of(customProperties);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
    }

    /** Reads the deprecated array form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Team ofMembers(List<TeamMember> members) {
        return new Team(null, null, null, members, null, null, null);
    }
}
