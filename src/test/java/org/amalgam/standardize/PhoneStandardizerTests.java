package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneStandardizerTests {

    @ParameterizedTest(name = "[{index}] model {0}, source {1}, record {2}, ext {3}: ''{4}'' -> {5} {6}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # model region | source region | record country | extension | input                   | value                 | issue
                           | DE            |                | drop      | 030 1234567             | +49301234567          |
                           | DE            |                | drop      | +49 (0)30 1234567       | +49301234567          |
                           | DE            |                | drop      | 0049 30 1234567         | +49301234567          |
                           | DE            |                | drop      | 0176 12345678           | +4917612345678        |
                           | DE            |                | drop      | +44 20 7946 0958        | +442079460958         |
                           | DE            |                | drop      | tel:+49-30-1234567      | +49301234567          |
                           | US            |                | drop      | (650) 253-0000          | +16502530000          |
                           | GB            |                | drop      | 020 7946 0958           | +442079460958         |
                           | DE            |                | drop      | 030 1234567 ext. 12     | +49301234567          |
                           | DE            |                | keep      | 030 1234567 ext. 12     | +49301234567;ext=12   |
                           | US            |                | keep      | +1 650-253-0000 x123    | +16502530000;ext=123  |
                           | DE            |                | keep      | 030 1234567             | +49301234567          |
            FR             | DE            |                | drop      | 030 1234567             | +49301234567          |
            DE             |               |                | drop      | 030 1234567             | +49301234567          |
                           |               | DE             | drop      | 030 1234567             | +49301234567          |
            # the record's own country first, then the source's default region, then the model's region
                           | DE            | AT             | drop      | 0664 1234567            | +436641234567         |
                           | AT            | DE             | drop      | 030 1234567             | +49301234567          |
                           | FR            | DE             | drop      | 030 1234567             | +49301234567          |
                           | DE            | AQ             | drop      | 030 1234567             | +49301234567          |
            FR             | DE            | GB             | drop      | 020 7946 0958           | +442079460958         |
            FR             |               | DE             | drop      | 030 1234567             | +49301234567          |
            DE             |               | FR             | drop      | 01 23 45 67 89          | +33123456789          |
            DE             |               | AQ             | drop      | 030 1234567             | +49301234567          |
                           | GB            | DE             | drop      | 020 7946 0958           |                       | is not a valid phone number in DE
                           | DE            | FR             | drop      | +49 30 1234567          | +49301234567          |
                           |               | AQ             | drop      | 030 1234567             |                       | has no country code and the source has no default region
                           | IT            |                | drop      | 06 6982 1234            | +390669821234         |
                           | GB            |                | drop      | +44 (0)20 7946 0958     | +442079460958         |
                           | US            |                | drop      | +1 (650) 253-0000       | +16502530000          |
                           | US            |                | drop      | 1 650 253 0000          | +16502530000          |
                           | US            |                | drop      | 011 49 30 1234567       | +49301234567          |
                           | CA            |                | drop      | (613) 688-5335          | +16136885335          |
                           | AR            |                | drop      | 011 15-2345-6789        | +5491123456789        |
                           | DE            |                | drop      | 030/1234567             | +49301234567          |
                           | DE            |                | drop      | +800 1234 5678          | +80012345678          |
                           |               |                | drop      | +49 30 1234567          | +49301234567          |
                           |               |                | drop      | 0049 30 1234567         | +49301234567          |
                           |               |                | drop      | 030 1234567             |                       | has no country code and the source has no default region
                           | DE            |                | drop      | 12                      |                       | is not a valid phone number in DE
                           | DE            |                | drop      | +49 30 12345678901234   |                       | is not a valid phone number
                           | DE            |                | drop      | call me                 |                       | is not a phone number
                           | DE            |                | drop      | '   '                   |                       |
            """)
    void writesE164ReadingNationalNumbersInTheRecordsCountryElseTheSourcesRegion(
            String modelRegion,
            String sourceRegion,
            String recordCountry,
            String extension,
            String input,
            String value,
            String issue) {
        PhoneStandardizer.Extension ext = PhoneStandardizer.Extension.of(extension);
        StandardizationContext context = new StandardizationContext(sourceRegion, recordCountry);

        Standardized result = new PhoneStandardizer(modelRegion, ext).apply(input, context);

        assertStandardized(result, input, value, issue);
        assertThat(result).isEqualTo(new PhoneStandardizer(modelRegion, ext, false).apply(input, context));
    }

    /**
     * The direct reading of plainly written numbers must agree with libphonenumber's full parse: numbers near the
     * example numbers of every region, written in every format and read in their own region and in none.
     */
    @Test
    void readsPlainNumbersDirectlyExactlyAsTheFullParseDoes() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneStandardizer direct = new PhoneStandardizer();
        PhoneStandardizer full = new PhoneStandardizer(null, PhoneStandardizer.Extension.DROP, false);
        List<String> regions = util.getSupportedRegions().stream()
                .filter(region -> CountryStandardizer.iso2(region) != null)
                .sorted()
                .toList();
        Random random = new Random(20240229);
        int compared = 0;
        for (String region : regions) {
            for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
                PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (int variant = 0; variant < 2; variant++) {
                    PhoneNumber number = new PhoneNumber()
                            .setCountryCode(example.getCountryCode())
                            .setNationalNumber(example.getNationalNumber() + (variant == 0 ? 0 : random.nextInt(1000)))
                            .setItalianLeadingZero(example.isItalianLeadingZero())
                            .setNumberOfLeadingZeros(example.getNumberOfLeadingZeros());
                    for (PhoneNumberFormat format : PhoneNumberFormat.values()) {
                        String text = util.format(number, format);
                        for (String context : new String[] {region, null}) {
                            StandardizationContext in = StandardizationContext.ofRegion(context);
                            assertThat(direct.apply(text, in))
                                    .as("'%s' in %s", text, context)
                                    .isEqualTo(full.apply(text, in));
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(3_000);
    }

    /**
     * The direct reading's validity rules must accept exactly the numbers libphonenumber's accept: random national
     * numbers of every length and numbers near the example numbers of every type, in every region, written with
     * their country code.
     */
    @Test
    void readsRandomNumbersDirectlyExactlyAsTheFullParseDoes() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneStandardizer direct = new PhoneStandardizer();
        PhoneStandardizer full = new PhoneStandardizer(null, PhoneStandardizer.Extension.DROP, false);
        Random random = new Random(20261128);
        int valid = 0;
        int compared = 0;
        for (String region : util.getSupportedRegions().stream().sorted().toList()) {
            int countryCode = util.getCountryCodeForRegion(region);
            List<String> nationals = new ArrayList<>();
            for (int length = 2; length <= 17; length++) {
                for (int i = 0; i < 20; i++) {
                    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
                    while (digits.length() < length) {
                        digits.append(random.nextInt(10));
                    }
                    nationals.add(digits.toString());
                }
            }
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    for (int i = 0; i < 10; i++) {
                        nationals.add(Long.toString(example.getNationalNumber() + random.nextInt(100)));
                    }
                }
            }
            for (String national : nationals) {
                String text = "+" + countryCode + " " + national;
                Standardized expected = full.apply(text, StandardizationContext.NONE);
                assertThat(direct.apply(text, StandardizationContext.NONE))
                        .as("'%s'", text)
                        .isEqualTo(expected);
                valid += expected.hasValue() ? 1 : 0;
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50_000);
        assertThat(valid).isGreaterThan(5_000);
    }
}
