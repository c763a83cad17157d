package org.amalgam.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amalgam.ingest.folder.FolderDropDefinition;
import org.amalgam.ingest.folder.FolderDrops;
import org.amalgam.ingest.jdbc.JdbcPullDefinition;
import org.amalgam.ingest.jdbc.JdbcPulls;
import org.amalgam.sources.SourceSystemDefinition;
import org.amalgam.sources.SourceSystems;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.amalgam.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The source page's card of pulls and folders and its forms, through the real security filters (CSRF, roles) and
 * templates, in the shared application context.
 */
@ApplicationTest
class InboundControllerTests {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");
    private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

    @Autowired
    WebApplicationContext context;

    @Autowired
    SourceSystems sources;

    @Autowired
    JdbcPulls pulls;

    @Autowired
    FolderDrops folders;

    @TempDir
    Path temp;

    MockMvc mvc;
    String source;
    Path inbox;

    @BeforeEach
    void sourceWithAPullAndAFolder() throws IOException {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        source = AmalgamApi.unique("crm-");
        sources.save(source, new SourceSystemDefinition("CRM " + source, "Sales", 10, false));
        TestDatabase database = TestDatabase.get();
        pulls.save(
                source,
                "customers",
                new JdbcPullDefinition(
                        "person",
                        database.url(),
                        database.username(),
                        "the-Secret-password",
                        "select code as id, name as last_name, updated_at from source_system where code = '" + source
                                + "'",
                        "id",
                        "updated_at",
                        "PT15M",
                        null,
                        false,
                        false));
        inbox = Files.createDirectories(temp.resolve("inbox"));
        folders.save(source, "inbox", new FolderDropDefinition(inbox.toString(), "person", null, true));
    }

    @AfterEach
    void stopWatching() {
        folders.list(source).forEach(folder -> folders.delete(source, folder.name()));
    }

    private String html(RequestBuilder request, HttpStatus status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(status.value());
        return result.getResponse().getContentAsString();
    }

    /** What a strict Content-Security-Policy would block. */
    private static void assertNoInlineScriptOrStyle(String html) {
        assertThat(html).doesNotContain("style=\"").doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    }

    @Test
    void theCardListsThePullAndTheFolderWithTheirStateAndActions() throws Exception {
        String card = html(
                get("/sources/" + source + "/inbound")
                        .header("HX-Request", "true")
                        .with(ADMIN),
                HttpStatus.OK);

        assertThat(card).doesNotContain("<html").contains("id=\"source-inbound\"");
        assertThat(card).contains("data-pull=\"customers\"", "PT15M", "Run now", "disabled");
        assertThat(card).contains("data-folder=\"inbox\"", inbox.toString(), "Scan now", "no file yet");
        assertThat(card).doesNotContain("the-Secret-password");
        assertNoInlineScriptOrStyle(card);
    }

    @Test
    void theSameUrlWithoutHtmxIsAPageOfItsOwn() throws Exception {
        String page = html(get("/sources/" + source + "/inbound").with(ADMIN), HttpStatus.OK);

        assertThat(page).contains("<html", "id=\"source-inbound\"", "breadcrumb");
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void theSourcePageLoadsTheCard() throws Exception {
        String page = html(get("/sources/" + source).with(ADMIN), HttpStatus.OK);

        assertThat(page).contains("hx-get=\"/sources/" + source + "/inbound\"");
    }

    @Test
    void aViewerSeesTheStateButNeitherActionsNorServerPaths() throws Exception {
        String card = html(
                get("/sources/" + source + "/inbound")
                        .header("HX-Request", "true")
                        .with(VIEWER),
                HttpStatus.OK);

        assertThat(card).contains("customers", "inbox").doesNotContain("Run now", "Scan now", inbox.toString());
        html(get("/sources/" + source + "/pulls/new").with(VIEWER), HttpStatus.FORBIDDEN);
        html(get("/sources/" + source + "/pulls/customers/edit").with(VIEWER), HttpStatus.FORBIDDEN);
        html(post("/sources/" + source + "/pulls/customers/run").with(VIEWER).with(csrf()), HttpStatus.FORBIDDEN);
    }

    @Test
    void runNowStartsTheRunAndTheCardShowsItWithALinkToItsImport() throws Exception {
        String card = html(
                post("/sources/" + source + "/pulls/customers/run")
                        .header("HX-Request", "true")
                        .with(ADMIN)
                        .with(csrf()),
                HttpStatus.OK);

        assertThat(card).contains("Started the pull customers.", "href=\"/imports/");
        assertThat(pulls.get(source, "customers").lastRun()).isNotNull();
    }

    @Test
    void runNowWithoutTheCsrfTokenIsRefused() throws Exception {
        html(
                post("/sources/" + source + "/pulls/customers/run")
                        .header("HX-Request", "true")
                        .with(ADMIN),
                HttpStatus.FORBIDDEN);

        assertThat(pulls.get(source, "customers").lastRun()).isNull();
    }

    @Test
    void runNowWithoutHtmxOpensTheImportPage() throws Exception {
        MvcResult result = mvc.perform(post("/sources/" + source + "/pulls/customers/run")
                        .with(ADMIN)
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).startsWith("/imports/");
    }

    @Test
    void aPullFormWithMistakesShowsEachNextToItsFieldAndNeverEchoesThePassword() throws Exception {
        String page = html(
                post("/sources/" + source + "/pulls")
                        .with(ADMIN)
                        .with(csrf())
                        .param("name", "orders")
                        .param("type", "person")
                        .param("jdbcUrl", "jdbc:nosuchdb://host/db")
                        .param("password", "typed-Secret")
                        .param("query", "select * from orders")
                        .param("keyColumn", "id")
                        .param("watermarkColumn", "updated_at")
                        .param("schedule", "every hour")
                        .param("enabled", "true")
                        .param("editing", "false"),
                HttpStatus.OK);

        assertThat(page).contains("no JDBC driver in Amalgam accepts it", "is neither an interval");
        assertThat(page.split("is-invalid", -1)).hasSize(3);
        assertThat(page).doesNotContain("typed-Secret");
        assertThat(pulls.find(source, "orders")).isEmpty();
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void aSavedPullFormGoesBackToTheSourceAndKeepsThePasswordWhenLeftEmpty() throws Exception {
        String edit = html(get("/sources/" + source + "/pulls/customers/edit").with(ADMIN), HttpStatus.OK);
        assertThat(edit).doesNotContain("the-Secret-password").contains("A password is stored");

        MvcResult saved = mvc.perform(post("/sources/" + source + "/pulls")
                        .with(ADMIN)
                        .with(csrf())
                        .param("name", "customers")
                        .param("type", "person")
                        .param("jdbcUrl", TestDatabase.get().url())
                        .param("password", "")
                        .param("query", "select code as id, updated_at from source_system")
                        .param("keyColumn", "id")
                        .param("watermarkColumn", "updated_at")
                        .param("schedule", "PT1H")
                        .param("editing", "true"))
                .andReturn();

        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/sources/" + source);
        assertThat(saved.getFlashMap().get("success")).isEqualTo("Saved the pull customers.");
        var pull = pulls.get(source, "customers");
        assertThat(pull.passwordSet()).isTrue();
        assertThat(pull.schedule()).isEqualTo("PT1H");
        assertThat(pull.enabled()).as("an unticked box turns the schedule off").isFalse();
    }

    @Test
    void aNewPullCannotTakeTheNameOfAnExistingOne() throws Exception {
        String page = html(
                post("/sources/" + source + "/pulls")
                        .with(ADMIN)
                        .with(csrf())
                        .param("name", "customers")
                        .param("type", "person")
                        .param("jdbcUrl", TestDatabase.get().url())
                        .param("query", "select 1")
                        .param("keyColumn", "id")
                        .param("watermarkColumn", "id")
                        .param("schedule", "PT1H")
                        .param("editing", "false"),
                HttpStatus.OK);

        assertThat(page).contains("already has one called customers");
        assertThat(pulls.get(source, "customers").query()).contains("source_system");
    }

    @Test
    void aFolderFormWithAPathThatIsNotThereSaysSoNextToThePath() throws Exception {
        String page = html(
                post("/sources/" + source + "/folders")
                        .with(ADMIN)
                        .with(csrf())
                        .param("name", "drop")
                        .param("path", temp.resolve("missing").toString())
                        .param("type", "person")
                        .param("enabled", "true")
                        .param("editing", "false"),
                HttpStatus.OK);

        assertThat(page).contains("does not exist on the Amalgam server", "is-invalid");
        assertThat(folders.find(source, "drop")).isEmpty();
    }

    @Test
    void scanNowAndDeleteAnswerWithTheRefreshedCard() throws Exception {
        Files.writeString(inbox.resolve("people.csv"), "id,last_name\nw1,Lee\n");

        String scanned = html(
                post("/sources/" + source + "/folders/inbox/scan")
                        .header("HX-Request", "true")
                        .with(ADMIN)
                        .with(csrf()),
                HttpStatus.OK);
        String deleted = html(
                post("/sources/" + source + "/pulls/customers/delete")
                        .header("HX-Request", "true")
                        .with(ADMIN)
                        .with(csrf()),
                HttpStatus.OK);

        assertThat(scanned).contains("Scanned inbox: took no file; 1 is still being written.");
        assertThat(deleted).contains("Deleted the pull customers.").doesNotContain("data-pull=\"customers\"");
        assertThat(pulls.find(source, "customers")).isEmpty();
    }
}
