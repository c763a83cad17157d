package org.amalgam.model.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.ModelSectionChecker;
import org.amalgam.model.SurvivorshipSettings;
import org.amalgam.shared.InvalidInputException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Checks a model document field by field; every error names the field and, where known, its line. Sections that other
 * modules understand (such as {@code match}) are checked here for their shape and by their {@link
 * ModelSectionChecker} for their content.
 */
public final class ModelValidator {

    public static final List<String> DATA_TYPES = List.of(
            "text", "name", "date", "email", "phone", "address", "country", "identifier", "number", "money", "enum");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> TOP_LEVEL =
            Set.of("type", "name", "version", "attributes", "match", "survivorship");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of(
            "name", "type", "required", "summary", "standardizers", "validation", "description", "conflictSensitive");
    private static final Set<String> SURVIVORSHIP_FIELDS = Set.of("default", "attributes");
    private static final Set<String> CHAIN_FIELDS = Set.of("rules", "sources");
    private static final Set<String> VALIDATION_FIELDS =
            Set.of("pattern", "minLength", "maxLength", "values", "min", "max", "onInvalid");

    private final ModelCodec.Parsed parsed;
    private final List<FieldError> errors = new ArrayList<>();

    /** Whether every attribute has a valid, unique name and a data type, so that a section checker can rely on them. */
    private boolean attributesUsable = true;

    private ModelValidator(ModelCodec.Parsed parsed) {
        this.parsed = parsed;
    }

    /**
     * Checks the document without asking any {@link ModelSectionChecker}.
     *
     * @param standardizerNames the names a chain may use; null skips that check
     */
    public static List<FieldError> validate(ModelCodec.Parsed parsed, String typeCode, List<String> standardizerNames) {
        return validate(parsed, typeCode, standardizerNames, List.of());
    }

    /**
     * @param standardizerNames the names a chain may use; null skips that check
     * @param sectionCheckers the checkers of sections other modules understand; each is asked about its section when
     *     the section is an object and the attributes are usable (valid, unique names and data types)
     */
    public static List<FieldError> validate(
            ModelCodec.Parsed parsed,
            String typeCode,
            List<String> standardizerNames,
            List<ModelSectionChecker> sectionCheckers) {
        ModelValidator validator = new ModelValidator(parsed);
        validator.check(parsed.root(), typeCode, standardizerNames);
        if (validator.attributesUsable) {
            validator.checkSections(parsed.root(), typeCode, sectionCheckers);
        }
        return validator.errors;
    }

    private void checkSections(JsonNode root, String typeCode, List<ModelSectionChecker> sectionCheckers) {
        List<AttributeDefinition> attributes = null;
        for (ModelSectionChecker checker : sectionCheckers) {
            JsonNode section = root.get(checker.section());
            if (section == null || !section.isObject()) {
                continue;
            }
            if (attributes == null) {
                attributes = new ArrayList<>();
                for (JsonNode attribute : root.get("attributes")) {
                    attributes.add(AttributeDefinition.fromDocument(ModelCodec.toMap(attribute)));
                }
            }
            for (ModelSectionChecker.Problem problem :
                    checker.check(typeCode, ModelCodec.toMap(section), List.copyOf(attributes))) {
                error(problem.path(), problem.field(), problem.message());
            }
        }
    }

    private void check(JsonNode root, String typeCode, List<String> standardizerNames) {
        if (root == null || !root.isObject()) {
            attributesUsable = false;
            error("", "(document)", "the model must be an object with 'name' and 'attributes'");
            return;
        }
        root.propertyNames().forEach(field -> {
            if (!TOP_LEVEL.contains(field)) {
                error("/" + field, field, "is not a model field; use " + String.join(", ", TOP_LEVEL));
            }
        });
        JsonNode type = root.get("type");
        if (type != null && !type.isNull() && !typeCode.equals(type.asString())) {
            error("/type", "type", "is '" + type.asString() + "' but the address names '" + typeCode + "'");
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            error("/name", "name", "is required: a readable name such as 'Person'");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.isNull() && !version.canConvertToInt()) {
            error("/version", "version", "must be the version number you read, or left out");
        }
        JsonNode attributes = root.get("attributes");
        if (attributes == null || !attributes.isArray() || attributes.isEmpty()) {
            attributesUsable = false;
            error("/attributes", "attributes", "is required: a list with at least one attribute");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            checkAttribute(attributes.get(i), i, names, standardizerNames);
        }
        for (String section : List.of("match", "survivorship")) {
            JsonNode node = root.get(section);
            if (node != null && !node.isNull() && !node.isObject()) {
                error("/" + section, section, "must be an object");
            }
        }
        JsonNode survivorship = root.get("survivorship");
        if (survivorship != null && survivorship.isObject()) {
            checkSurvivorship(survivorship, names);
        }
    }

    private void checkSurvivorship(JsonNode survivorship, Set<String> attributeNames) {
        survivorship.propertyNames().forEach(key -> {
            if (!SURVIVORSHIP_FIELDS.contains(key)) {
                error(
                        "/survivorship/" + key,
                        "survivorship." + key,
                        "is not a survivorship field; use default (the chain of every attribute) and attributes"
                                + " (chains of single attributes)");
            }
        });
        JsonNode defaultChain = survivorship.get("default");
        if (defaultChain != null && !defaultChain.isNull()) {
            checkChain(defaultChain, "/survivorship/default", "survivorship.default");
        }
        JsonNode attributes = survivorship.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return;
        }
        if (!attributes.isObject()) {
            error(
                    "/survivorship/attributes",
                    "survivorship.attributes",
                    "must be an object of attribute names and their chains, e.g. {email: [most_frequent, most_recent]}");
            return;
        }
        attributes.propertyNames().forEach(attribute -> {
            String at = "/survivorship/attributes/" + attribute;
            String field = "survivorship.attributes." + attribute;
            if (!attributeNames.contains(attribute)) {
                error(at, field, "'" + attribute + "' is not an attribute of this model");
            }
            checkChain(attributes.get(attribute), at, field);
        });
    }

    /** A chain: a rule name, a list of rule names, or {rules: [...], sources: [...]}. */
    private void checkChain(JsonNode chain, String at, String field) {
        JsonNode rules = chain;
        String rulesAt = at;
        String rulesField = field;
        JsonNode sources = null;
        if (chain.isObject()) {
            chain.propertyNames().forEach(key -> {
                if (!CHAIN_FIELDS.contains(key)) {
                    error(at + "/" + key, field + "." + key, "is not a chain field; use rules and sources");
                }
            });
            rules = chain.get("rules");
            rulesAt = at + "/rules";
            rulesField = field + ".rules";
            sources = chain.get("sources");
        }
        List<String> names = new ArrayList<>();
        if (rules != null && rules.isString()) {
            names.add(rules.asString());
            checkRuleName(rules.asString(), rulesAt, rulesField);
        } else if (rules != null && rules.isArray() && !rules.isEmpty()) {
            for (int i = 0; i < rules.size(); i++) {
                JsonNode rule = rules.get(i);
                String name = rule.isString() ? rule.asString() : rule.toString();
                if (names.contains(name)) {
                    error(rulesAt + "/" + i, rulesField + "[" + i + "]", "'" + name + "' is in the chain twice");
                }
                names.add(name);
                checkRuleName(name, rulesAt + "/" + i, rulesField + "[" + i + "]");
            }
        } else {
            error(
                    rulesAt,
                    rulesField,
                    "must be a rule or a list of rules, e.g. [source_priority, most_recent]; rules: "
                            + String.join(", ", SurvivorshipSettings.RULES));
        }
        if (sources != null && !sources.isNull()) {
            if (!sources.isArray() || sources.isEmpty()) {
                error(at + "/sources", field + ".sources", "must be a list of source codes, most trusted first");
            } else {
                for (int i = 0; i < sources.size(); i++) {
                    if (!sources.get(i).isString() || sources.get(i).asString().isBlank()) {
                        error(at + "/sources/" + i, field + ".sources[" + i + "]", "must be a source code");
                    }
                }
                if (names.stream().noneMatch(SurvivorshipSettings.RULES_WITH_SOURCES::contains)) {
                    error(
                            at + "/sources",
                            field + ".sources",
                            "is used only by " + String.join(" and ", SurvivorshipSettings.RULES_WITH_SOURCES)
                                    + "; add one of them to the rules or leave sources out");
                }
            }
        }
    }

    private void checkRuleName(String name, String at, String field) {
        if (!SurvivorshipSettings.RULES.contains(name)) {
            error(
                    at,
                    field,
                    "'" + name + "' is not a survivorship rule; use one of "
                            + String.join(", ", SurvivorshipSettings.RULES));
        }
    }

    private void checkAttribute(JsonNode attribute, int index, Set<String> names, List<String> standardizerNames) {
        String at = "/attributes/" + index;
        String field = "attributes[" + index + "]";
        if (!attribute.isObject()) {
            attributesUsable = false;
            error(at, field, "must be an object with at least 'name' and 'type'");
            return;
        }
        attribute.propertyNames().forEach(key -> {
            if (!ATTRIBUTE_FIELDS.contains(key)) {
                error(
                        at + "/" + key,
                        field + "." + key,
                        "is not an attribute field; use " + String.join(", ", ATTRIBUTE_FIELDS));
            }
        });
        JsonNode name = attribute.get("name");
        if (name == null || !name.isString() || !NAME.matcher(name.asString()).matches()) {
            attributesUsable = false;
            error(at + "/name", field + ".name", "must be snake_case: a lowercase letter, then letters, digits or _");
        } else if (!names.add(name.asString())) {
            attributesUsable = false;
            error(at + "/name", field + ".name", "'" + name.asString() + "' is defined twice");
        }
        JsonNode type = attribute.get("type");
        String dataType = type == null || !type.isString() ? null : type.asString();
        if (dataType == null || !DATA_TYPES.contains(dataType)) {
            attributesUsable = false;
            error(
                    at + "/type",
                    field + ".type",
                    (dataType == null ? "is required" : "'" + dataType + "' is not a data type") + "; use one of "
                            + String.join(", ", DATA_TYPES));
        }
        for (String flag : List.of("required", "summary", "conflictSensitive")) {
            JsonNode value = attribute.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                error(at + "/" + flag, field + "." + flag, "must be true or false");
            }
        }
        JsonNode chain = attribute.get("standardizers");
        if (chain != null && !chain.isNull()) {
            if (!chain.isArray()) {
                error(at + "/standardizers", field + ".standardizers", "must be a list of standardizer names");
            } else if (standardizerNames != null) {
                for (int k = 0; k < chain.size(); k++) {
                    String step = chain.get(k).isString()
                            ? chain.get(k).asString()
                            : chain.get(k).toString();
                    String stepName = step.contains(":") ? step.substring(0, step.indexOf(':')) : step;
                    if (!standardizerNames.contains(stepName)) {
                        error(
                                at + "/standardizers/" + k,
                                field + ".standardizers[" + k + "]",
                                "'" + stepName + "' is not a standardizer; known: "
                                        + String.join(", ", standardizerNames));
                    }
                }
            }
        }
        JsonNode validation = attribute.get("validation");
        if (validation != null && !validation.isNull()) {
            checkValidation(validation, at + "/validation", field + ".validation", dataType);
        }
    }

    private void checkValidation(JsonNode validation, String at, String field, String dataType) {
        if (!validation.isObject()) {
            error(at, field, "must be an object of rules");
            return;
        }
        validation.propertyNames().forEach(key -> {
            if (!VALIDATION_FIELDS.contains(key)) {
                error(at + "/" + key, field + "." + key, "is not a rule; use " + String.join(", ", VALIDATION_FIELDS));
            }
        });
        JsonNode pattern = validation.get("pattern");
        if (pattern != null && !pattern.isNull()) {
            try {
                Pattern.compile(pattern.asString());
            } catch (PatternSyntaxException e) {
                error(at + "/pattern", field + ".pattern", "is not a valid regular expression: " + e.getDescription());
            }
        }
        for (String length : List.of("minLength", "maxLength")) {
            JsonNode value = validation.get(length);
            if (value != null && !value.isNull() && (!value.canConvertToInt() || value.asInt() < 0)) {
                error(at + "/" + length, field + "." + length, "must be a whole number, 0 or more");
            }
        }
        JsonNode values = validation.get("values");
        if (values != null && !values.isNull() && !values.isArray()) {
            error(at + "/values", field + ".values", "must be a list of allowed values");
        }
        JsonNode onInvalid = validation.get("onInvalid");
        if (onInvalid != null
                && !onInvalid.isNull()
                && !List.of("flag", "reject").contains(onInvalid.asString())) {
            error(at + "/onInvalid", field + ".onInvalid", "must be 'flag' (keep the row, flag the value) or 'reject'");
        }
    }

    private void error(String pointer, String field, String message) {
        errors.add(new FieldError(field, message, parsed.line(pointer)));
    }
}
