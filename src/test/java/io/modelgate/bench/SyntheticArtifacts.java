package io.modelgate.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Legacy model artifacts for the benchmark, in the shapes of {@code fixtures/ws1/}: legacy alias
 * keys, numbers written as strings ("1.2M", "12,400", "0.84"), GitHub URLs at a commit, framework
 * synonyms, biophysical and mechanistic ODE families, external models, and a few artifacts a
 * person has to look at. The same index always gives the same artifact.
 *
 * <p>Out of every 80 artifacts, 64 are promoted, 13 stay candidate (12 biophysical or mechanistic
 * ODEs, 1 without metrics) and 3 are held for review (a parameter count that does not convert
 * exactly, an external model pinned to "main", two different values for one field).
 */
public final class SyntheticArtifacts {
    /** Data sets the models are evaluated on (registered artifacts, so evaluation_dataset links to them). */
    static final List<String> DATASETS = List.of("dataset-adni-test-2023", "dataset-sea-ad-mtg-holdout");

    private static final String[] PEOPLE = {"asmith", "mkowalski", "lchen", "jdoe", "pnair", "rgarcia", "tokafor"};

    private SyntheticArtifacts() {
    }

    /**
     * Loads {@code COUNT} synthetic model artifacts (and the two data sets) into the artifacts
     * table of a database that {@code modelgate migrate} has prepared, to time the jar by hand:
     * {@code java -cp <test classpath> io.modelgate.bench.SyntheticArtifacts JDBC_URL USER COUNT}
     * (the password, if any, from MODELGATE_DB_PASSWORD).
     */
    public static void main(String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: SyntheticArtifacts JDBC_URL USER COUNT");
            System.exit(2);
        }
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(System.getenv("MODELGATE_DB_PASSWORD"));
        insert(dataSource, Integer.parseInt(args[2]));
        System.out.println("inserted " + args[2] + " model artifacts and " + DATASETS.size() + " data sets");
    }

    static String id(int index) {
        return String.format(Locale.ROOT, "model-bench-%07d", index);
    }

    /** Inserts the data sets and {@code count} model artifacts into {@code artifacts}, in batches. */
    static void insert(DataSource dataSource, int count) {
        String sql = "INSERT INTO artifacts (id, artifact_type, title, metadata, version_number, parent_version_id,"
                + " version_tag, changelog, is_latest, lifecycle_state, superseded_by, origin_type, origin_url,"
                + " created_at, updated_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (String dataset : DATASETS) {
                add(statement, dataset(dataset));
            }
            for (int i = 0; i < count; i++) {
                add(statement, model(i));
                if ((i + 1) % 1000 == 0) {
                    statement.executeBatch();
                    connection.commit();
                }
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("inserting the benchmark artifacts failed: " + e.getMessage(), e);
        }
    }

    private static void add(PreparedStatement statement, ObjectNode document) throws SQLException {
        statement.setString(1, document.get("id").asText());
        statement.setString(2, document.get("artifact_type").asText());
        statement.setString(3, document.get("title").asText());
        statement.setString(4, Json.write(document.get("metadata")));
        statement.setInt(5, document.path("version_number").asInt(1));
        setText(statement, 6, document, "parent_version_id");
        setText(statement, 7, document, "version_tag");
        setText(statement, 8, document, "changelog");
        statement.setBoolean(9, true);
        statement.setString(10, "active");
        statement.setNull(11, Types.VARCHAR);
        statement.setString(12, document.path("origin_type").asText("internal"));
        setText(statement, 13, document, "origin_url");
        statement.addBatch();
    }

    private static void setText(PreparedStatement statement, int index, ObjectNode document, String field)
            throws SQLException {
        if (document.hasNonNull(field)) {
            statement.setString(index, document.get(field).asText());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static ObjectNode dataset(String id) {
        ObjectNode document = Json.object();
        document.put("id", id);
        document.put("artifact_type", "dataset");
        document.put("title", "benchmark data set " + id);
        document.putObject("metadata").put("source", "benchmark");
        document.put("origin_type", "internal");
        return document;
    }

    /** The model artifact with this index. */
    public static ObjectNode model(int index) {
        ObjectNode document = Json.object();
        document.put("id", id(index));
        document.put("artifact_type", "model");
        document.put("version_number", 1 + index % 3);
        document.put("version_tag", "v" + (1 + index % 3));
        document.put("changelog", "benchmark artifact " + index);
        document.put("origin_type", "internal");
        ObjectNode metadata = document.putObject("metadata");
        metadata.put("trained_by", PEOPLE[index % PEOPLE.length]);
        int shape = index % 20;
        if (shape <= 2) {
            transformer(index, document, metadata);
        } else if (shape <= 5) {
            boostedTrees(index, document, metadata);
        } else if (shape <= 7) {
            graphNetwork(index, document, metadata);
        } else if (shape <= 9) {
            biophysicalOde(index, document, metadata);
        } else if (shape <= 12) {
            logisticRegression(index, document, metadata);
        } else if (shape <= 14) {
            fineTunedMlp(index, document, metadata);
        } else if (shape == 15) {
            mechanisticOde(index, document, metadata);
        } else if (shape <= 17) {
            ruleBased(index, document, metadata);
        } else if (shape == 18) {
            external(index, document, metadata, sha(index, 40));
        } else {
            awkward(index, document, metadata);
        }
        return document;
    }

    /** Like model-14307274: aliases, "38M", string metrics, a GitHub origin_url at a full SHA. */
    private static void transformer(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Cell Type Classifier " + i);
        metadata.put("architecture", "transformer");
        metadata.put("framework_name", "torch");
        metadata.put("num_parameters", (10 + i % 90) + "M");
        metadata.put("train_data", "SEA-AD MTG snRNA-seq (" + (40 + i % 50) + " donors)");
        metadata.put("eval_dataset", "dataset-sea-ad-mtg-holdout");
        ObjectNode metrics = metadata.putObject("eval_metrics");
        metrics.put("accuracy", decimal(0.8, i));
        metrics.put("macro_f1", String.valueOf(decimal(0.7, i + 7)));
        ObjectNode config = metadata.putObject("config");
        config.put("layers", 2 + i % 10);
        config.put("heads", 4 + i % 4 * 4);
        config.put("epochs", 10 + i % 40);
        config.put("batch_size", 256);
        metadata.put("gpu_allocation_id", "gpu-alloc-2024-" + String.format(Locale.ROOT, "%04d", i % 10000));
        metadata.put("training_started_at", "2024-03-11T09:30:00Z");
        metadata.put("training_completed_at", "2024-03-12T02:05:41Z");
        document.put("origin_url", "https://github.com/atlas-lab/celltype-classifier/tree/" + sha(i, 40)
                + "/train/train_classifier.py");
    }

    /** Like model-29ce54ef: model_type, library "XGBoost", "12,400", string metrics, no code pin. */
    private static void boostedTrees(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Neurodegeneration Risk Predictor " + i);
        metadata.put("model_type", "gradient-boosted trees");
        metadata.put("library", "XGBoost");
        metadata.put("n_params", String.format(Locale.ROOT, "%,d", 1000 + i * 7));
        ArrayNode data = metadata.putArray("dataset");
        data.add("ADNI");
        data.add("NACC UDS v3");
        metadata.put("test_dataset", "ADNI held-out participants (2023 freeze)");
        ObjectNode metrics = metadata.putObject("metrics");
        metrics.put("auc", String.valueOf(decimal(0.75, i)));
        metrics.put("brier", String.valueOf(decimal(0.1, i + 3)));
        ObjectNode hyper = metadata.putObject("hyperparameters");
        hyper.put("max_depth", 3 + i % 8);
        hyper.put("n_estimators", 100 + i % 900);
        hyper.put("learning_rate", 0.05);
        metadata.put("notes", "training notebook not yet in a repository");
    }

    /** Like model-45e16a37: "1.2M", validation_dataset, code_url at a short SHA, a time with an offset. */
    private static void graphNetwork(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Microglial Activation Model " + i);
        metadata.put("model_family", "graph neural network");
        metadata.put("framework", "PyTorch");
        metadata.put("parameter_count", (1 + i % 9) + "." + (i % 10) + "M");
        ArrayNode data = metadata.putArray("training_data");
        data.add("SEA-AD microglia subset");
        data.add("ROSMAP snRNA-seq microglia");
        metadata.put("validation_dataset", "ROSMAP held-out donors");
        ObjectNode metrics = metadata.putObject("evaluation_metrics");
        metrics.put("auroc_activation_state", decimal(0.8, i));
        metrics.put("f1", decimal(0.7, i + 1));
        ObjectNode config = metadata.putObject("training_config");
        config.put("layers", 3);
        config.put("hidden", 64 << (i % 3));
        config.put("epochs", 120);
        metadata.put("code_url", "https://github.com/atlas-lab/microglia-gnn/blob/" + sha(i, 7) + "/src/train.py");
        metadata.put("training_started_at", "2024-04-02T14:00:00+02:00");
    }

    /** Like model-56e6e50d: a biophysical ODE (stays candidate), training_params, a date alone. */
    private static void biophysicalOde(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Amyloid Production-Clearance Model " + i);
        document.put("parent_version_id", "model-bench-parent-" + i);
        metadata.put("model_family", "biophysical ODE");
        metadata.put("framework", "SciPy");
        metadata.put("parameter_count", 10 + i % 20);
        metadata.put("training_data", "SILK amyloid-beta kinetics (Bateman et al.)");
        metadata.put("evaluation_dataset", "SILK held-out subjects");
        ObjectNode metrics = metadata.putObject("evaluation_metrics");
        metrics.put("rmse", decimal(0.01, i));
        metrics.put("r2", decimal(0.85, i + 2));
        ObjectNode params = metadata.putObject("training_params");
        params.put("solver", "LSODA");
        params.put("rtol", 1e-6);
        params.put("fit", "least squares");
        metadata.put("training_started_at", "2024-02-05");
    }

    /** Like model-8479a365: family, sklearn, "25", performance, repo + commit, a registered eval data set. */
    private static void logisticRegression(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "AD Risk Prediction Model " + i);
        metadata.put("family", "logistic regression");
        metadata.put("library", "sklearn");
        metadata.put("params", String.valueOf(5 + i % 50));
        metadata.putArray("training_dataset").add("ADNI");
        metadata.put("evaluation_dataset", "dataset-adni-test-2023");
        ObjectNode metrics = metadata.putObject("performance");
        metrics.put("auc", decimal(0.7, i));
        metrics.put("accuracy", decimal(0.7, i + 5));
        metrics.put("sensitivity", decimal(0.65, i + 9));
        ObjectNode hyper = metadata.putObject("hyperparameters");
        hyper.put("penalty", "l2");
        hyper.put("C", 0.5);
        metadata.put("repo", "https://github.com/atlas-lab/ad-risk");
        metadata.put("commit", sha(i, 7));
        metadata.put("code_entrypoint", "fit_logreg.py");
    }

    /** Like model-9ccc79de: tf, "350k", string metrics, parent_model naming an earlier artifact. */
    private static void fineTunedMlp(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Microglial-Amyloid-Cytokine Activation Model " + i);
        metadata.put("model_family", "multitask MLP");
        metadata.put("framework", "tf");
        metadata.put("parameter_count", (100 + i % 900) + "k");
        metadata.put("training_data", "SEA-AD microglia with matched amyloid PET and CSF cytokines");
        metadata.put("evaluation_dataset", "SEA-AD cross-validation folds");
        ObjectNode metrics = metadata.putObject("evaluation_metrics");
        metrics.put("pearson_il6", String.valueOf(decimal(0.5, i)));
        metrics.put("pearson_tnf", String.valueOf(decimal(0.5, i + 4)));
        metrics.put("mae_amyloid_suvr", decimal(0.05, i + 8));
        // the graph network of the same block of 20 (index 6 of the block), already in the table
        metadata.put("parent_model", id(i - i % 20 + 6));
        metadata.put("benchmark_id", "atlas-bench-cytokine-2024");
    }

    /** Like model-biophys-microglia-001: a mechanistic ODE, Julia, hyperparameters. */
    private static void mechanisticOde(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "Microglial Activation ODE " + i);
        metadata.put("model_family", "mechanistic ODE");
        metadata.put("framework", "Julia DifferentialEquations.jl");
        metadata.put("parameter_count", 20 + i % 10);
        ArrayNode data = metadata.putArray("training_data");
        data.add("TREM2 knockout time courses");
        data.add("APOE4 iPSC microglia IL-6 secretion");
        metadata.put("evaluation_dataset", "held-out iPSC microglia time points");
        metadata.putObject("evaluation_metrics").put("fit_r2", decimal(0.8, i));
        ObjectNode hyper = metadata.putObject("hyperparameters");
        hyper.put("solver", "Tsit5");
        hyper.put("priors", "weakly informative");
    }

    /** Like model_ot_ad_zscore_rules_v1: canonical keys, code pinned to a full SHA. */
    private static void ruleBased(int i, ObjectNode document, ObjectNode metadata) {
        document.put("title", "OT-AD Target Ranking baseline " + i);
        metadata.put("model_family", "rule-based z-score ranking");
        metadata.put("framework", "pandas");
        metadata.put("parameter_count", 0);
        metadata.put("training_data", "Open Targets Platform 24.06 AD associations");
        metadata.put("evaluation_dataset", "OT-AD curated gold-standard targets");
        ObjectNode metrics = metadata.putObject("evaluation_metrics");
        metrics.put("precision_at_50", decimal(0.4, i));
        metrics.put("ndcg_at_100", decimal(0.5, i + 1));
        ObjectNode config = metadata.putObject("training_config");
        config.put("zscore_threshold", 2.0);
        config.putArray("evidence_types").add("genetic").add("literature").add("expression");
        metadata.put("code_repo_url", "https://github.com/atlas-lab/ot-ad-ranking");
        metadata.put("code_commit_sha", sha(i, 40));
        metadata.put("code_entrypoint", "rank_targets.py");
    }

    /** An external model: origin_type external, origin_url on Hugging Face, hf_revision. */
    private static void external(int i, ObjectNode document, ObjectNode metadata, String revision) {
        document.put("title", "Upstream Foundation Model " + i);
        document.put("origin_type", "external");
        document.put("origin_url", "https://huggingface.co/atlas-upstream/scgpt-" + (i % 5));
        metadata.put("architecture", "transformer");
        metadata.put("library", "torch");
        metadata.put("n_params", (50 + i % 50) + "M");
        metadata.put("dataset", "CELLxGENE census 2024-07");
        metadata.put("eval_dataset", "dataset-sea-ad-mtg-holdout");
        metadata.putObject("metrics").put("accuracy", String.valueOf(decimal(0.8, i)));
        metadata.put("hf_revision", revision);
    }

    /** The artifacts that need a person, and one without metrics, in turn. */
    private static void awkward(int i, ObjectNode document, ObjectNode metadata) {
        switch ((i / 20) % 4) {
            case 0 -> {
                // "~1M" does not convert exactly: A-UNPARSEABLE, review
                graphNetwork(i, document, metadata);
                metadata.put("parameter_count", "~1M");
            }
            case 1 -> external(i, document, metadata, "main"); // a moving ref: A-UNPINNED, review
            case 2 -> {
                // two different values for the family: A-CONFLICT, review
                boostedTrees(i, document, metadata);
                metadata.put("family", "random forest");
            }
            default -> {
                // no metrics yet: G-NO-METRICS, candidate
                ruleBased(i, document, metadata);
                metadata.putObject("evaluation_metrics");
            }
        }
    }

    /** A hex string of {@code length} characters that depends only on {@code index}. */
    private static String sha(int index, int length) {
        StringBuilder hex = new StringBuilder();
        long state = 0x9E3779B97F4A7C15L * (index + 1);
        while (hex.length() < length) {
            state ^= state >>> 33;
            state *= 0xFF51AFD7ED558CCDL;
            state ^= state >>> 33;
            hex.append(String.format(Locale.ROOT, "%016x", state));
        }
        return hex.substring(0, length);
    }

    /** A metric value in [base, base + 0.1) with three decimals, varying with {@code index}. */
    private static double decimal(double base, int index) {
        return Math.round((base + (index * 37 % 100) / 1000.0) * 1000) / 1000.0;
    }
}
