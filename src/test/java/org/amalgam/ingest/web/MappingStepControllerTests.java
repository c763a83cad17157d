package org.amalgam.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.MappingChoices;
import org.amalgam.ingest.MappingStep;
import org.amalgam.ingest.StagedUploadView;
import org.amalgam.ingest.StagedUploads;
import org.amalgam.shared.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(MappingStepController.class)
@WithMockUser(username = "admin", roles = "ADMIN")
class MappingStepControllerTests {

    static final UUID ID = UUID.fromString("0196f0a0-0000-7000-8000-000000000001");
    static final UUID JOB = UUID.fromString("0196f0a0-0000-7000-8000-000000000002");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StagedUploads staging;

    static StagedUploadView upload(UUID importJobId) {
        return new StagedUploadView(
                ID,
                "crm",
                "Sales CRM",
                "person",
                "Person",
                "people.csv",
                120,
                true,
                importJobId,
                "admin",
                Instant.now());
    }

    /** A step with one stored and one rejected row, a flagged e-mail, and a value that holds markup. */
    static MappingStep step() {
        return new MappingStep(
                upload(null),
                List.of(
                        new MappingStep.Column("id", "1"),
                        new MappingStep.Column("given", "Ann"),
                        new MappingStep.Column("mail", "ANN@EXAMPLE.COM")),
                "id",
                List.of(
                        new MappingStep.Attribute(
                                "first_name",
                                "name",
                                false,
                                "given",
                                false,
                                null,
                                List.of(
                                        new MappingStep.Cell("<b>Ann</b>", "<b>Ann</b>", null),
                                        new MappingStep.Cell("Bob", "Bob", null))),
                        new MappingStep.Attribute(
                                "email",
                                "email",
                                false,
                                "mail",
                                false,
                                null,
                                List.of(
                                        new MappingStep.Cell("ANN@EXAMPLE.COM", "ann@example.com", null),
                                        new MappingStep.Cell("nope", null, "'nope' is not an e-mail address"))),
                        new MappingStep.Attribute(
                                "birth_date",
                                "date",
                                false,
                                "",
                                false,
                                null,
                                List.of(
                                        new MappingStep.Cell(null, null, null),
                                        new MappingStep.Cell(null, null, null)))),
                List.of(
                        new MappingStep.SampleRow(1, "1", List.of()),
                        new MappingStep.SampleRow(2, "", List.of("the source key (column 'id') is empty"))),
                List.of("shoe_size"),
                "The file is broken after row 2.",
                null,
                Map.of(),
                List.of(),
                false,
                "{\"attributes\": {\"first_name\": \"given\"}}");
    }

    @BeforeEach
    void stagedUpload() {
        when(staging.get(ID)).thenReturn(upload(null));
        when(staging.step(eq(ID), any())).thenReturn(step());
    }

    @Test
    void theFullPageShowsEachAttributeWithItsColumnAndTheRowsAsTheyWillBeStored() throws Exception {
        String page = mvc.perform(get("/imports/staged/{id}", ID))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("<html")
                .contains("id=\"mapping-table\"")
                .contains("name=\"columns[first_name]\"")
                .contains("name=\"key\"")
                .contains("name=\"formats[birth_date]\"")
                .doesNotContain("name=\"formats[email]\"")
                .containsPattern("<option value=\"given\"\\s+selected=\"selected\">given · Ann</option>")
                .contains("ann@example.com")
                .contains("&#39;nope&#39; is not an e-mail address")
                .contains("the source key (column &#39;id&#39;) is empty")
                .contains("Save as the mapping for crm/person")
                .contains("shoe_size")
                .contains("The file is broken after row 2.");
        assertThat(page)
                .as("values from the file are escaped")
                .contains("&lt;b&gt;Ann&lt;/b&gt;")
                .doesNotContain("<b>Ann</b>");
        assertThat(page)
                .as("the upload form's full-snapshot choice is kept")
                .containsPattern("id=\"snapshot\"[^>]*checked");
        verify(staging).step(eq(ID), isNull());
    }

    @Test
    void anHtmxRefreshGetsOnlyTheTableForTheChoicesItSends() throws Exception {
        String fragment = mvc.perform(get("/imports/staged/{id}", ID)
                        .header("HX-Request", "true")
                        .param("key", "id")
                        .param("columns[first_name]", "given")
                        .param("columns[email]", "")
                        .param("formats[birth_date]", "yyyyMMdd"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(fragment).doesNotContain("<html").startsWith("<div").contains("id=\"mapping-table\"");
        ArgumentCaptor<MappingChoices> choices = ArgumentCaptor.forClass(MappingChoices.class);
        verify(staging).step(eq(ID), choices.capture());
        assertThat(choices.getValue())
                .isEqualTo(new MappingChoices(
                        "id", Map.of("first_name", "given", "email", ""), Map.of("birth_date", "yyyyMMdd")));
    }

    @Test
    void anImportedUploadGoesToItsJob() throws Exception {
        when(staging.get(ID)).thenReturn(upload(JOB));

        mvc.perform(get("/imports/staged/{id}", ID)).andExpect(redirectedUrl("/imports/" + JOB));
        mvc.perform(get("/imports/staged/{id}", ID).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/imports/" + JOB));
    }

    @Test
    void importStartsTheJobWithTheChosenMappingAndGoesToIt() throws Exception {
        when(staging.importWith(eq(ID), any(), anyBoolean(), anyBoolean(), anyString()))
                .thenReturn(job());

        mvc.perform(post("/imports/staged/{id}", ID)
                        .with(csrf())
                        .param("key", "id")
                        .param("columns[first_name]", "given")
                        .param("saveProfile", "true"))
                .andExpect(redirectedUrl("/imports/" + JOB));

        verify(staging)
                .importWith(ID, new MappingChoices("id", Map.of("first_name", "given"), null), false, true, "admin");
    }

    @Test
    void aWrongChoiceShowsThePageAgainWithWhatIsWrong() throws Exception {
        when(staging.importWith(eq(ID), any(), anyBoolean(), anyBoolean(), anyString()))
                .thenThrow(new InvalidInputException("The file does not fit the mapping: no key column."));

        mvc.perform(post("/imports/staged/{id}", ID).with(csrf()).param("key", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no key column")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"mapping-table\"")));
    }

    @Test
    void cancelDeletesTheStagedFileAndGoesBackToTheSource() throws Exception {
        when(staging.discard(ID)).thenReturn(upload(null));

        mvc.perform(post("/imports/staged/{id}/cancel", ID).with(csrf()))
                .andExpect(redirectedUrl("/sources/crm"))
                .andExpect(
                        flash().attribute("success", "The upload of people.csv was cancelled; nothing was imported."));
        verify(staging).discard(ID);
    }

    @Test
    void anUploadIsStagedAndOpensItsMappingStep() throws Exception {
        when(staging.stage(eq("crm"), eq("person"), eq("people.csv"), any(), eq(true), eq("admin")))
                .thenReturn(upload(null));

        mvc.perform(multipart("/sources/{code}/imports", "crm")
                        .file(new MockMultipartFile("file", "people.csv", "text/csv", "id\n1\n".getBytes()))
                        .param("type", "person")
                        .param("snapshot", "true")
                        .with(csrf()))
                .andExpect(redirectedUrl("/imports/staged/" + ID));
    }

    @Test
    void aFileThatCannotBeImportedGoesBackToTheSourcePageWithTheReason() throws Exception {
        when(staging.stage(anyString(), anyString(), anyString(), any(), anyBoolean(), anyString()))
                .thenThrow(new InvalidInputException("The file 'x.csv' cannot be imported. It is not a text file."));

        mvc.perform(multipart("/sources/{code}/imports", "crm")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[] {0, 1, 2}))
                        .with(csrf()))
                .andExpect(redirectedUrl("/sources/crm"))
                .andExpect(flash().attribute("error", "The file 'x.csv' cannot be imported. It is not a text file."));
        mvc.perform(multipart("/sources/{code}/imports", "crm").with(csrf()))
                .andExpect(redirectedUrl("/sources/crm"))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.startsWith("Choose a file")));
    }

    private static ImportJobView job() {
        return new ImportJobView(
                JOB,
                "crm",
                "person",
                "people.csv",
                ImportStatus.QUEUED,
                ImportCounts.NONE,
                120,
                0,
                null,
                "admin",
                Instant.now(),
                null,
                null,
                false,
                false);
    }
}
