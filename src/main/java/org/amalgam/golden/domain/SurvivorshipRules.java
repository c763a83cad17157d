package org.amalgam.golden.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rules a model can name, by name. */
final class SurvivorshipRules {

    static final Map<String, SurvivorshipRule> BY_NAME = List.of(
                    new SourcePriority(),
                    new MostRecent(),
                    new MostFrequent(),
                    new MostComplete(),
                    new Longest(),
                    new FirstNonEmpty())
            .stream()
            .collect(Collectors.toUnmodifiableMap(SurvivorshipRule::name, Function.identity()));

    private SurvivorshipRules() {}

    static SurvivorshipRule get(String name) {
        SurvivorshipRule rule = BY_NAME.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("No survivorship rule '" + name + "'");
        }
        return rule;
    }

    /** The rank of a source in the chain's list: listed sources first, in their order; the others after them. */
    static int listed(List<String> sources, String source) {
        int index = sources.indexOf(source);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** The most trusted source wins: the chain's source list when it has one, then the lowest priority number. */
    static final class SourcePriority implements SurvivorshipRule {
        @Override
        public String name() {
            return "source_priority";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            return Comparator.<Offer>comparingInt(
                            o -> listed(context.sources(), o.member().source()))
                    .thenComparingInt(o -> o.member().priority());
        }
    }

    /** The most recently updated source record wins. */
    static final class MostRecent implements SurvivorshipRule {
        @Override
        public String name() {
            return "most_recent";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            return Comparator.comparing((Offer o) -> o.member().updatedAt(), Comparator.reverseOrder());
        }
    }

    /** The value that the most source records offer wins. */
    static final class MostFrequent implements SurvivorshipRule {
        @Override
        public String name() {
            return "most_frequent";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            Map<Object, Long> counts =
                    context.offers().stream().collect(Collectors.groupingBy(Offer::value, Collectors.counting()));
            return Comparator.comparingLong((Offer o) -> counts.getOrDefault(o.value(), 0L))
                    .reversed();
        }
    }

    /** The value of the source record that has the most attributes filled in wins. */
    static final class MostComplete implements SurvivorshipRule {
        @Override
        public String name() {
            return "most_complete";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            return Comparator.comparingLong((Offer o) -> filled(o.member())).reversed();
        }

        private static long filled(Survivorship.Member member) {
            return member.attributes().values().stream()
                    .filter(v -> v != null && !v.toString().isBlank())
                    .count();
        }
    }

    /** The longest value wins (in characters), e.g. a full name over an initial. */
    static final class Longest implements SurvivorshipRule {
        @Override
        public String name() {
            return "longest";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            return Comparator.comparingInt((Offer o) -> {
                        String text = Objects.toString(o.value(), "");
                        return text.codePointCount(0, text.length());
                    })
                    .reversed();
        }
    }

    /**
     * The first value wins: in the chain's source order when it has one, else the value of the source record that
     * came first (the oldest).
     */
    static final class FirstNonEmpty implements SurvivorshipRule {
        @Override
        public String name() {
            return "first_non_empty";
        }

        @Override
        public Comparator<Offer> preference(Context context) {
            return Comparator.<Offer>comparingInt(
                            o -> listed(context.sources(), o.member().source()))
                    .thenComparingLong(o -> o.member().id());
        }
    }
}
