package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials in URLs are removed before anything of the document is kept, shown or logged. */
class CredentialsInUrlsTest {
    private static final List<String> SECRETS = List.of("ghp_xxx", "abc123", "glpat-xyz", "hf_abc", "tok3n", "s3cr3t");

    private final EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
    private final ArtifactAssessor assessor = new ArtifactAssessor(new MetadataNormalizer(),
            new SchemaCheck(new MetadataValidator()), new ReferenceChecker(ArtifactDirectory.OFFLINE),
            new PromotionPolicy(List.of("ode", "biophysical", "mechanistic")));

    private static final String VALID = "\"model_family\": \"cnn\", \"framework\": \"pytorch\", \"parameter_count\": 10,"
            + " \"training_data\": \"t\", \"evaluation_dataset\": \"e\", \"evaluation_metrics\": {\"auc\": 0.9}";

    private Assessment read(String json) {
        return reader.fromFile("f.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(SECRETS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://bot:ghp_xxx@github.com/org/repo/tree/abcdef1/train.py | https://github.com/org/repo/tree/abcdef1/train.py",
            "https://x-access-token:abc123@github.com/org/repo | https://github.com/org/repo",
            "https://oauth2:glpat-xyz@gitlab.com/group/project.git | https://gitlab.com/group/project.git",
            "https://user:hf_abc@huggingface.co/org/model | https://huggingface.co/org/model",
            "https://tok3n@host.example/ | https://host.example/",
            "https://tok3n@host.example | https://host.example",
            "http://u:p@ss@host.example:8080/x?y=1#z | http://host.example:8080/x?y=1#z",
            "postgresql://etl:s3cr3t@db.internal:5432/atlas | postgresql://db.internal:5432/atlas",
            "git+ssh://git@github.com/org/repo.git | git+ssh://github.com/org/repo.git",
            "cloned from https://bot:ghp_xxx@github.com/a/b and https://tok3n@gitlab.com/c | cloned from https://github.com/a/b and https://gitlab.com/c",
            "'see <https://bot:ghp_xxx@github.com/a>, then run' | 'see <https://github.com/a>, then run'"})
    void theUserInfoOfAUrlIsDropped(String given, String kept) {
        assertThat(DocumentContent.withoutCredentials(given)).isEqualTo(kept);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"https://github.com/org/repo", "jane@lab.org", "https://host/path/a@b",
            "https://host/?q=a@b", "https://@host/", "plain text", "://a:b@c", "ftp://host#frag@x"})
    void textWithoutCredentialsIsLeftAsItIs(String given) {
        assertThat(DocumentContent.withoutCredentials(given)).isNull();
    }

    @Test
    void credentialsAnywhereInAnInboxFileAreRemovedInPlaceAndEachFieldIsNoted() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"origin_url\": \"https://bot:ghp_xxx@github.com/org/repo/tree/abcdef1/train.py\","
                + " \"code_repo_url\": \"https://x-access-token:abc123@github.com/org/repo\","
                + " \"metadata\": {" + VALID + ", \"code_repo_url\": \"https://x-access-token:abc123@github.com/org/repo\","
                + " \"training_config\": {\"sources\": [\"s3://bucket/a\", \"https://user:hf_abc@huggingface.co/d\"],"
                + " \"db\": {\"url\": \"postgresql://etl:s3cr3t@db.internal/atlas\"}}}}");

        assertThat(a.channel()).isNull();
        assertNoSecretIn(Json.write(a.document()));
        assertNoSecretIn(Json.write(a.metadata()));
        assertThat(a.document().get("origin_url").asText()).isEqualTo("https://github.com/org/repo/tree/abcdef1/train.py");
        assertThat(a.metadata().get("code_repo_url").asText()).isEqualTo("https://github.com/org/repo");
        assertThat(a.reasons()).extracting(Reason::code).containsOnly("N-CREDENTIALS-REMOVED");
        assertThat(a.reasons()).extracting(Reason::message).containsExactly(
                "credentials were removed from the URL at /origin_url; they are never stored",
                "credentials were removed from the URL at /code_repo_url; they are never stored",
                "credentials were removed from the URL at /metadata/code_repo_url; they are never stored",
                "credentials were removed from the URL at /metadata/training_config/sources/1; they are never stored",
                "credentials were removed from the URL at /metadata/training_config/db/url; they are never stored");
        assertThat(a.errors()).isEmpty();
    }

    @Test
    void theNoteSurvivesToTheGateAndDoesNotChangeTheChannel() {
        Assessment a = assessor.assess(read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"origin_url\": \"https://bot:ghp_xxx@github.com/org/repo/tree/abcdef1/train.py\","
                + " \"metadata\": {" + VALID + "}}"));

        assertThat(a.channel()).isEqualTo(Channel.PROMOTE);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("N-CREDENTIALS-REMOVED");
        // the code pin comes from the URL as it is kept
        assertThat(a.metadata().get("code_repo_url").asText()).isEqualTo("https://github.com/org/repo");
        assertThat(a.metadata().get("code_commit_sha").asText()).isEqualTo("abcdef1");
        assertThat(a.version().hasCodePin()).isTrue();
        assertNoSecretIn(Json.write(a.metadata()));
        assertNoSecretIn(String.valueOf(a.normalizations()));
        assertNoSecretIn(String.valueOf(a.reasons()));
    }

    @Test
    void aHeldArtifactKeepsTheNoteBesideWhatHoldsIt() {
        Assessment a = assessor.assess(read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {" + VALID + ", \"training_completed_at\": \"March 3rd\","
                + " \"code_url\": \"https://oauth2:glpat-xyz@gitlab.com/g/p\"}}"));

        assertThat(a.channel()).isEqualTo(Channel.REVIEW);
        assertThat(a.reasons()).extracting(Reason::code).contains("N-CREDENTIALS-REMOVED", "A-UNPARSEABLE");
        assertThat(a.reasons()).extracting(Reason::message)
                .contains("credentials were removed from the URL at /metadata/code_url; they are never stored");
        assertNoSecretIn(Json.write(a.document()));
        assertNoSecretIn(Json.write(a.metadata()));
    }

    @Test
    void aDatabaseRowIsCleanedAlike() {
        var columns = Json.object().put("id", "model-db").put("artifact_type", "model").put("title", "T")
                .put("origin_url", "https://user:hf_abc@huggingface.co/org/model");
        Assessment a = reader.fromDatabaseRow(columns, "{" + VALID
                + ", \"repo\": \"https://oauth2:glpat-xyz@gitlab.com/group/project\"}");

        assertThat(a.channel()).isNull();
        assertNoSecretIn(Json.write(a.document()));
        assertNoSecretIn(Json.write(a.metadata()));
        assertThat(a.document().get("origin_url").asText()).isEqualTo("https://huggingface.co/org/model");
        assertThat(a.reasons()).extracting(Reason::message).containsExactly(
                "credentials were removed from the URL at /origin_url; they are never stored",
                "credentials were removed from the URL at /metadata/repo; they are never stored");
    }

    @Test
    void aDocumentThatFailsIsCleanedTooAndFailsForItsOwnReason() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"https://bot:ghp_xxx@github.com/x\", \"title\": \"T\","
                + " \"metadata\": {}}");

        assertThat(a.channel()).isEqualTo(Channel.FAILED);
        assertThat(a.reasons()).extracting(Reason::code).containsExactly("E-ENVELOPE", "N-CREDENTIALS-REMOVED");
        assertThat(a.reasons().get(0).message()).isEqualTo("artifact_type must be \"model\", got \"https://github.com/x\"");
        assertThat(a.errors()).extracting(FieldError::path).containsExactly("/artifact_type");
        assertNoSecretIn(String.valueOf(a.reasons()));
    }

    @Test
    void aKeyWithAControlCharacterIsShownEscapedInTheNote() {
        Assessment a = read("{\"id\": \"model-1\", \"artifact_type\": \"model\", \"title\": \"T\","
                + " \"metadata\": {\"repo\\nurl\": \"https://tok3n@github.com/a/b\"}}");
        assertThat(a.reasons()).extracting(Reason::message)
                .containsExactly("credentials were removed from the URL at /metadata/repo\\nurl; they are never stored");
    }
}
