package org.amalgam.standardize;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Standardizers applied one after the other; the first empty result or issue ends the chain. Its name lists the
 * names of its links, e.g. {@code text,phone}.
 */
public final class StandardizerChain implements Standardizer {

    private final Standardizer[] links;
    private final String name;

    public StandardizerChain(List<? extends Standardizer> links) {
        if (links.isEmpty()) {
            throw new IllegalArgumentException("a standardizer chain needs at least one standardizer");
        }
        this.links = links.toArray(Standardizer[]::new);
        this.name = links.stream().map(Standardizer::name).collect(Collectors.joining(","));
    }

    public static StandardizerChain of(Standardizer... links) {
        return new StandardizerChain(List.of(links));
    }

    @Override
    public String name() {
        return name;
    }

    public List<Standardizer> links() {
        return List.of(links);
    }

    @Override
    public Standardized apply(String value) {
        return apply(value, StandardizationContext.NONE);
    }

    @Override
    public Standardized apply(String value, StandardizationContext context) {
        Standardized result = Standardized.empty();
        String current = value;
        for (Standardizer link : links) {
            result = link.apply(current, context);
            if (!result.hasValue()) {
                return result;
            }
            current = result.value();
        }
        return result;
    }
}
