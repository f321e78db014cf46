package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.http.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks a tool's arguments against its schema: the keywords the registry's schemas use (type, with "null" for
 * optional fields; properties, required, additionalProperties false; enum; minimum, maximum; minItems, maxItems,
 * items; minLength, maxLength). Small and hand-written: the schemas are small, and a general validator library
 * was not worth a JPMS dependency for them. A schema using any other keyword is refused when the registry is
 * built, so nothing declared goes unchecked.
 */
final class ArgumentCheck {
    static final Set<String> KEYWORDS = Set.of("type", "description", "properties", "required",
            "additionalProperties", "enum", "minimum", "maximum", "minItems", "maxItems", "items", "minLength",
            "maxLength");

    private ArgumentCheck() {}

    /** @throws ApiException 400 {@code invalid_arguments} naming the first field that fails */
    static void check(JsonNode schema, JsonNode value) {
        check(schema, value, "arguments");
    }

    /** @throws IllegalStateException when the schema uses a keyword this class does not check */
    static void supported(String tool, JsonNode schema) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("tool " + tool + ": schema keyword " + keyword + " is not checked");
            }
        }
        schema.path("properties").forEach(p -> supported(tool, p));
        if (schema.has("items")) {
            supported(tool, schema.get("items"));
        }
    }

    private static void check(JsonNode schema, JsonNode value, String path) {
        List<String> types = types(schema.path("type"));
        String actual = typeOf(value);
        if (!types.isEmpty() && !types.contains(actual) && !("integer".equals(actual) && types.contains("number"))) {
            throw invalid(path, "must be " + String.join(" or ", types));
        }
        if (value.isNull()) {
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                throw invalid(path, "must be one of " + schema.get("enum"));
            }
        }
        switch (actual) {
            case "object" -> object(schema, value, path);
            case "array" -> {
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    throw invalid(path, "needs at least " + schema.get("minItems").asInt() + " entries");
                }
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                    throw invalid(path, "takes at most " + schema.get("maxItems").asInt() + " entries");
                }
                if (schema.has("items")) {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.get("items"), value.get(i), path + "[" + i + "]");
                    }
                }
            }
            case "string" -> {
                int length = value.asText().codePointCount(0, value.asText().length());
                if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                    throw invalid(path, "must be at least " + schema.get("minLength").asInt() + " characters");
                }
                if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                    throw invalid(path, "must be at most " + schema.get("maxLength").asInt() + " characters");
                }
            }
            case "integer", "number" -> {
                if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                    throw invalid(path, "must be at least " + schema.get("minimum").asText());
                }
                if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                    throw invalid(path, "must be at most " + schema.get("maximum").asText());
                }
            }
            default -> { }
        }
    }

    private static void object(JsonNode schema, JsonNode value, String path) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                throw invalid(path + "." + required.asText(), "is required");
            }
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (properties.has(field)) {
                check(properties.get(field), value.get(field), path + "." + field);
            } else if (schema.path("additionalProperties").isBoolean()
                    && !schema.get("additionalProperties").asBoolean()) {
                throw invalid(path + "." + field, "is not a parameter of this tool");
            }
        }
    }

    private static List<String> types(JsonNode type) {
        List<String> out = new ArrayList<>();
        if (type.isTextual()) {
            out.add(type.asText());
        } else {
            type.forEach(t -> out.add(t.asText()));
        }
        return out;
    }

    private static String typeOf(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray() ? "array" : "object";
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.badRequest("invalid_arguments", field + " " + problem);
    }
}
