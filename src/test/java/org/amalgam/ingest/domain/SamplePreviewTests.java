package org.amalgam.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.amalgam.ingest.domain.FileSample.SampleRow;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.AttributeDefinition.Validation;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.standardize.StandardizerRegistry;
import org.amalgam.standardize.Standardizers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The mapping step's preview: the first rows through the pipeline's own mapping, standardizing and validation. */
class SamplePreviewTests {

    static final EntityTypeView CUSTOMER = new EntityTypeView(
            1,
            "customer",
            "Customer",
            1,
            List.of(
                    new AttributeDefinition("last_name", "name", true, true),
                    new AttributeDefinition("email", "email", false, true),
                    new AttributeDefinition("birth_date", "date", false, false),
                    new AttributeDefinition("street", "address", false, false),
                    new AttributeDefinition(
                            "tier",
                            "enum",
                            false,
                            false,
                            List.of(),
                            new Validation(null, null, null, List.of("gold", "silver"), null, null, "reject"))));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SamplePreview preview =
            new SamplePreview(new RowStandardizer(new Standardizers(), new StandardizerRegistry()));

    private static FileSample sample(String header, String... rows) {
        List<SampleRow> sampleRows = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            sampleRows.add(new SampleRow(i + 1, Arrays.asList(rows[i].split(",", -1)), rows[i]));
        }
        return new FileSample(Arrays.asList(header.split(",", -1)), sampleRows);
    }

    private static Mapping mapping(String json) {
        return Mapping.parse(json, CUSTOMER, JSON);
    }

    @Test
    void showsTheValuesAsTheyWillBeStoredBesideWhatTheFileHolds() {
        FileSample sample = sample("id,surname,mail,dob,no,road", "c1,Lee,  ANN@Example.COM ,19800105,12,Main Street");

        SamplePreview.Result result = preview.preview(
                CUSTOMER,
                mapping(
                        """
                        {"attributes": {"last_name": "surname", "email": "mail",
                          "birth_date": {"column": "dob", "format": "yyyyMMdd"},
                          "street": {"template": "{no} {road}"}}}
                        """),
                sample,
                null);

        SamplePreview.PreviewRow row = result.rows().get(0);
        assertThat(row.number()).isEqualTo(1);
        assertThat(row.stored().rejected()).isFalse();
        assertThat(row.stored().key()).isEqualTo("c1");
        assertThat(row.stored().attributes())
                .containsEntry("email", "ann@example.com")
                .containsEntry("birth_date", "1980-01-05")
                .containsEntry("street", "12 Main Street");
        assertThat(row.mapped())
                .containsEntry("email", "  ANN@Example.COM ")
                .containsEntry("birth_date", "19800105")
                .doesNotContainKey("tier");
        assertThat(result.unmappedColumns()).isEmpty();
    }

    @Test
    void aValueThatFailsStandardizationIsFlaggedAndLeftOutButTheRowIsStored() {
        FileSample sample = sample("id,last_name,email,birth_date", "c1,Lee,not-an-email,1980-02-31");

        StandardizedRow row = preview.preview(CUSTOMER, Mapping.automatic(), sample, null)
                .rows()
                .get(0)
                .stored();

        assertThat(row.rejected()).isFalse();
        assertThat(row.attributes()).containsOnlyKeys("last_name");
        assertThat(row.flags()).extracting(StandardizedRow.Flag::attribute).containsExactly("email", "birth_date");
        assertThat(row.flags()).allSatisfy(flag -> assertThat(flag.issue()).isNotBlank());
    }

    @Test
    void rowsThatWouldBeRejectedSayWhy() {
        FileSample sample = sample(
                "id,last_name,email,tier",
                ",Lee,ann@example.com,gold",
                "c2,,bob@example.com,silver",
                "c3,Ray,ray@example.com,bronze",
                "c4,Kim,kim@example.com",
                "c5,Fox,fox@example.com,gold");

        List<SamplePreview.PreviewRow> rows =
                preview.preview(CUSTOMER, Mapping.automatic(), sample, null).rows();

        assertThat(rows).extracting(row -> row.stored().rejected()).containsExactly(true, true, true, true, false);
        assertThat(rows.get(0).stored().reasons()).singleElement().asString().contains("source key");
        assertThat(rows.get(1).stored().reasons()).containsExactly("last_name is required");
        assertThat(rows.get(2).stored().reasons()).singleElement().asString().startsWith("tier: ");
        assertThat(rows.get(3).stored().reasons()).containsExactly("the row has 3 fields but the header has 4");
    }

    @Test
    void anAttributeMappedToNothingIsNotStoredAndItsColumnStaysInTheRawPayload() {
        FileSample sample = sample("id,last_name,email,shoe_size", "c1,Lee,ann@example.com,38");

        SamplePreview.Result result =
                preview.preview(CUSTOMER, mapping("{\"attributes\": {\"email\": null}}"), sample, null);

        assertThat(result.rows().get(0).stored().attributes()).isEqualTo(Map.of("last_name", "Lee"));
        assertThat(result.unmappedColumns()).containsExactly("email", "shoe_size");
    }

    @Test
    void aMappingThatDoesNotFitTheFileIsAnsweredAsAnImportWouldBe() {
        FileSample sample = sample("rec,last_name", "c1,Lee");

        assertThatThrownBy(() -> preview.preview(CUSTOMER, Mapping.automatic(), sample, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no key column")
                .hasMessageContaining("Columns in the file: rec, last_name");
    }

    @Test
    void aPhoneNumberWithoutCountryCodeIsReadInTheRecordsCountryElseTheSourcesPhoneRegion() {
        EntityTypeView contact = new EntityTypeView(
                2,
                "contact",
                "Contact",
                1,
                List.of(
                        new AttributeDefinition("phone", "phone", false, true),
                        new AttributeDefinition("country", "country", false, false)));
        FileSample sample = sample(
                "id,phone,country", "c1,030 1234567,", "c2,0664 1234567,Austria", "c3,+33 1 23 45 67 89,", "c4,12,");

        List<SamplePreview.PreviewRow> inGermany =
                preview.preview(contact, Mapping.automatic(), sample, "DE").rows();
        List<SamplePreview.PreviewRow> nowhere =
                preview.preview(contact, Mapping.automatic(), sample, null).rows();

        assertThat(inGermany)
                .extracting(row -> row.stored().attributes().get("phone"))
                .containsExactly("+49301234567", "+436641234567", "+33123456789", null);
        assertThat(inGermany.get(3).stored().flags()).singleElement().satisfies(flag -> assertThat(flag.issue())
                .contains("not a valid phone number in DE"));
        assertThat(nowhere)
                .extracting(row -> row.stored().attributes().get("phone"))
                .containsExactly(null, "+436641234567", "+33123456789", null);
        assertThat(nowhere.get(0).stored().flags()).singleElement().satisfies(flag -> assertThat(flag.issue())
                .contains("has no country code"));
        assertThat(nowhere.get(0).stored().rejected())
                .as("a flagged value does not reject the row")
                .isFalse();
    }
}
