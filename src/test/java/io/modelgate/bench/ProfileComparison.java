package io.modelgate.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the rules measured side by side: each build's classes in a class loader of its
 * own, the rounds of {@link AssessmentProfile} alternating between them in one JVM, so that both
 * see the same load on a shared machine (separate runs of one build differ by up to 30% here).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:DEPENDENCY_CLASSPATH io.modelgate.bench.ProfileComparison \
 *     DEPENDENCY_CLASSPATH BEFORE_CLASSES AFTER_CLASSES target/test-classes [ARTIFACTS] [ROUNDS]
 * </pre>
 *
 * The dependency class path is the test class path without the project's own folders (as
 * {@code mvn dependency:build-classpath -Dmdep.includeScope=test} prints it); the two class
 * folders are copies of {@code target/classes} from the two builds.
 */
public final class ProfileComparison {
    private ProfileComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ProfileComparison DEPENDENCY_CLASSPATH BEFORE_CLASSES AFTER_CLASSES TEST_CLASSES"
                    + " [ARTIFACTS] [ROUNDS]");
            System.exit(2);
        }
        int count = args.length > 4 ? Integer.parseInt(args[4]) : AssessmentProfile.DEFAULT_ARTIFACTS;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : AssessmentProfile.DEFAULT_ROUNDS;
        ClassLoader dependencies = new URLClassLoader(urls(args[0].split(File.pathSeparator)),
                ClassLoader.getPlatformClassLoader());
        Object[] profiles = new Object[2];
        Method[] round = new Method[2];
        for (int build = 0; build < 2; build++) {
            ClassLoader loader = new URLClassLoader(urls(args[1 + build], args[3]), dependencies);
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> profile = Class.forName(AssessmentProfile.class.getName(), true, loader);
            profiles[build] = profile.getConstructor(int.class).newInstance(count);
            round[build] = profile.getMethod("measureRound");
        }
        // warm-up, not counted
        for (int r = 0; r < Math.max(5, rounds); r++) {
            for (int build = 0; build < 2; build++) {
                round[build].invoke(profiles[build]);
            }
        }
        double[][][] figures = new double[2][rounds][];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                // which build goes first alternates too
                int build = r % 2 == 0 ? i : 1 - i;
                figures[build][r] = (double[]) round[build].invoke(profiles[build]);
            }
        }
        print(figures, count, rounds);
    }

    private static void print(double[][][] figures, int count, int rounds) {
        String[] steps = AssessmentProfile.STEPS;
        System.out.printf(Locale.ROOT, "%d artifacts, medians of %d rounds of each build, alternating%n", count, rounds);
        System.out.printf(Locale.ROOT, "  %-14s %12s %12s %12s %12s%n", "step", "before us", "after us", "before bytes",
                "after bytes");
        double[][] totals = new double[2][rounds];
        for (int s = 0; s < steps.length; s++) {
            double[] cpu = new double[2];
            double[] bytes = new double[2];
            for (int build = 0; build < 2; build++) {
                double[] stepCpu = new double[rounds];
                double[] stepBytes = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    stepCpu[r] = figures[build][r][s];
                    stepBytes[r] = figures[build][r][steps.length + s];
                    if (s < AssessmentProfile.ASSESSMENT_STEPS) {
                        totals[build][r] += stepCpu[r];
                    }
                }
                cpu[build] = AssessmentProfile.median(stepCpu) / 1e3;
                bytes[build] = AssessmentProfile.median(stepBytes);
            }
            System.out.printf(Locale.ROOT, "  %-14s %12.2f %12.2f %12.0f %12.0f%n", steps[s], cpu[0], cpu[1], bytes[0], bytes[1]);
        }
        double[] difference = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            difference[r] = totals[1][r] - totals[0][r];
        }
        System.out.printf(Locale.ROOT, "  %-14s %12.2f %12.2f   (envelope to gate; median of the paired differences %.2f us)%n",
                "assessment", AssessmentProfile.median(totals[0]) / 1e3, AssessmentProfile.median(totals[1]) / 1e3, AssessmentProfile.median(difference) / 1e3);
    }

    private static URL[] urls(String... paths) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String path : paths) {
            if (!path.isBlank()) {
                urls.add(new File(path).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }
}
