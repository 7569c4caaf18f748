package org.dnsmesh.contracts.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dnsmesh.contracts.model.DataContract;

/** Renders a {@link CompatibilityReport} as a human changelog (Markdown) or for machines (JSON). */
public final class Changelog {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Changelog() {}

    /** Markdown: a heading with name and versions, the overall class, the version verdict, then changes by class. */
    public static String markdown(DataContract before, DataContract after, CompatibilityReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(after.name() == null ? "contract" : after.name()).append(' ')
                .append(report.oldVersion()).append(" -> ").append(report.newVersion()).append("\n\n");
        out.append("Overall: **").append(report.overall()).append("**\n\n");
        VersionBumpCheck check = report.versionCheck();
        out.append("Version: ").append(check.acceptable() ? "ok" : "**not acceptable**").append(" (").append(check.message())
                .append(")\n");
        if (report.changes().isEmpty()) {
            out.append("\nNo changes.\n");
        }
        for (ChangeClass changeClass : List.of(ChangeClass.MAJOR, ChangeClass.MINOR, ChangeClass.PATCH)) {
            List<Change> changes = report.changesOf(changeClass);
            if (changes.isEmpty()) {
                continue;
            }
            out.append("\n## ").append(switch (changeClass) {
                case MAJOR -> "Breaking changes (MAJOR)";
                case MINOR -> "Additions and stronger promises (MINOR)";
                case PATCH -> "Documentation (PATCH)";
                case NONE -> "Other";
            }).append("\n\n");
            for (Change change : changes) {
                out.append("- `").append(change.element()).append("`: ").append(change.reason()).append(" _(").append(change.rule())
                        .append(")_\n");
            }
        }
        return out.toString();
    }

    /** JSON: {@code {name, oldVersion, newVersion, overall, versionCheck:{acceptable, required, proposed, message}, changes:[{class, rule, element, reason}]}}. */
    public static String json(DataContract before, DataContract after, CompatibilityReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", after.name());
        root.put("oldVersion", report.oldVersion());
        root.put("newVersion", report.newVersion());
        root.put("overall", report.overall().name());
        VersionBumpCheck check = report.versionCheck();
        ObjectNode version = root.putObject("versionCheck");
        version.put("acceptable", check.acceptable());
        version.put("required", check.required().name());
        version.put("proposed", check.proposed().name());
        version.put("message", check.message());
        ArrayNode changes = root.putArray("changes");
        for (Change change : report.changes()) {
            ObjectNode node = changes.addObject();
            node.put("class", change.changeClass().name());
            node.put("rule", change.rule());
            node.put("element", change.element());
            node.put("reason", change.reason());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write changelog JSON", e);
        }
    }
}
