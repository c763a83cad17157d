package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.standardize.StandardizationContext;
import org.amalgam.standardize.Standardized;
import org.amalgam.standardize.Standardizer;
import org.amalgam.standardize.StandardizerRegistry;
import org.amalgam.standardize.Standardizers;
import org.springframework.stereotype.Component;

/**
 * Maps one row of a file to its source key and standardized, validated attributes, and stores nothing: the part of
 * the pipeline that an import and the mapping step's preview share, so the preview shows exactly what will be stored.
 */
@Component
public class RowStandardizer {

    /** Keys are indexed, and an index entry has a size limit; no real key comes near this. */
    static final int MAX_KEY_LENGTH = 512;

    /** Record countries whose context a file keeps (there are about 250 countries; a model may name other values). */
    private static final int MAX_COUNTRIES = 1_000;

    private final Standardizers standardizers;
    private final StandardizerRegistry registry;

    public RowStandardizer(Standardizers standardizers, StandardizerRegistry registry) {
        this.standardizers = standardizers;
        this.registry = registry;
    }

    /**
     * Prepares the standardizing of a file's rows with a mapping bound to its header: the model's named standardizer
     * chains are built once, not per row.
     *
     * @param phoneRegion the source's default phone region (ISO 3166-1 alpha-2), or null: phone numbers without a
     *     country code are read in it when the record has no country of its own
     */
    public Prepared prepare(EntityTypeView type, Mapping.Bound bound, String phoneRegion) {
        return new Prepared(type, bound, StandardizationContext.ofRegion(phoneRegion));
    }

    /**
     * Standardizes one row of no particular source (no default phone region); for many rows of one file, {@link
     * #prepare} once and standardize with that.
     */
    public StandardizedRow standardize(
            EntityTypeView type, Mapping.Bound bound, List<String> header, List<String> values) {
        return prepare(type, bound, null).standardize(header, values, null);
    }

    /** The standardizing of the rows of one file of one entity type with one bound mapping. */
    public final class Prepared {

        private final Mapping.Bound bound;
        private final StandardizationContext source;
        private final List<AttributeDefinition> countryFirst;
        private final Map<String, Standardizer> chains = new HashMap<>();

        /** Per attribute of {@link #countryFirst}: where its value comes from, and its data type's chain. */
        private final Mapping.BoundSource[] from;

        private final Standardizer[] defaults;

        /**
         * The source's context with each record country seen so far: building one checks the country code again, and
         * a bulk load asks for it with every row. The keys are standardized countries (ISO codes), so few; the
         * workers share the map.
         */
        private final Map<String, StandardizationContext> withCountry = new ConcurrentHashMap<>();

        private Prepared(EntityTypeView type, Mapping.Bound bound, StandardizationContext source) {
            this.bound = bound;
            this.source = source;
            this.countryFirst = new ArrayList<>(type.attributes());
            for (AttributeDefinition attribute : countryFirst) {
                if (!attribute.standardizers().isEmpty()) {
                    // the model names the chain: it replaces the data type's default
                    chains.put(attribute.name(), registry.chain(attribute.standardizers()));
                }
            }
            countryFirst.sort((a, b) -> Boolean.compare(!"country".equals(a.type()), !"country".equals(b.type())));
            // looked up once per file, not per value
            this.from = new Mapping.BoundSource[countryFirst.size()];
            this.defaults = new Standardizer[countryFirst.size()];
            for (int i = 0; i < countryFirst.size(); i++) {
                AttributeDefinition attribute = countryFirst.get(i);
                from[i] = bound.attributes().get(attribute.name());
                if (!chains.containsKey(attribute.name())) {
                    try {
                        defaults[i] = standardizers.chain(attribute.type(), from[i] == null ? null : from[i].format());
                    } catch (IllegalArgumentException e) {
                        // a format that is no pattern: each value says so, as standardizing it does
                        defaults[i] = null;
                    }
                }
            }
        }

        /**
         * Maps, standardizes and validates one row. A value that fails validation is left out and flagged, unless
         * the model says it rejects the row; a missing key, a missing required attribute or a field count that
         * differs from the header's rejects it.
         *
         * @param header the file's header, as the mapping was bound to it
         * @param values the row's fields in column order
         * @param problem what the reader found wrong with the row (bytes that are not text, a cell off the header),
         *     or null; it rejects the row
         */
        public StandardizedRow standardize(List<String> header, List<String> values, String problem) {
            List<String> reasons = new ArrayList<>(0);
            if (problem != null) {
                reasons.add(problem);
            }
            if (values.size() != header.size()) {
                reasons.add("the row has " + values.size() + " fields but the header has " + header.size());
            }
            String key = bound.keyIndex() < values.size() ? strip(values.get(bound.keyIndex())) : "";
            if (key.isEmpty()) {
                reasons.add("the source key (column '" + header.get(bound.keyIndex()) + "') is empty");
            } else if (key.length() > MAX_KEY_LENGTH) {
                reasons.add("the source key (column '" + header.get(bound.keyIndex()) + "') is " + key.length()
                        + " characters long; a key has at most " + MAX_KEY_LENGTH);
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            List<StandardizedRow.Flag> flags = new ArrayList<>(0);
            // the record's country first: phone numbers and postal codes are read in its light (phone numbers in the
            // source's default region when the record has no country)
            StandardizationContext context = source;
            for (int i = 0; i < countryFirst.size(); i++) {
                AttributeDefinition attribute = countryFirst.get(i);
                Mapping.BoundSource from = this.from[i];
                String value = from == null ? null : from.value(values);
                Standardizer chain = defaults[i] != null ? defaults[i] : chains.get(attribute.name());
                Standardized standardized = chain != null
                        ? (value == null ? Standardized.empty() : chain.apply(clean(value), context))
                        : standardizers.standardize(
                                attribute.type(), from == null ? null : from.format(), clean(value), context);
                if ("country".equals(attribute.type()) && standardized.hasValue() && context.country() == null) {
                    context = contextFor(standardized.value());
                }
                String invalid = standardized.hasValue()
                        ? attribute.validation().problem(standardized.value())
                        : standardized.issue();
                if (standardized.hasValue() && invalid == null) {
                    attributes.put(attribute.name(), standardized.value());
                } else if (invalid != null && attribute.validation().rejects()) {
                    reasons.add(attribute.name() + ": " + invalid);
                } else if (attribute.required()) {
                    reasons.add(attribute.name() + " is required" + (invalid != null ? ": " + invalid : ""));
                } else if (invalid != null) {
                    flags.add(new StandardizedRow.Flag(attribute.name(), invalid));
                }
            }
            return new StandardizedRow(key, attributes, flags, reasons);
        }

        private StandardizationContext contextFor(String country) {
            StandardizationContext context = withCountry.get(country);
            if (context == null) {
                context = source.withCountry(country);
                if (withCountry.size() < MAX_COUNTRIES) {
                    withCountry.put(country, context);
                }
            }
            return context;
        }
    }

    private static String strip(String value) {
        return value == null ? "" : clean(value).strip();
    }

    /** PostgreSQL text cannot hold NUL characters. */
    static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
