package io.modelgate.inbox;

import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.model.Text;
import io.modelgate.run.RunTracker;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which entries of a dropped-file folder (the inbox, the decisions folder) are read: regular
 * files directly in it, named {@code *.json}, not hidden, whose name modelgate can carry through
 * its folders. Anything else that is named {@code *.json} is never opened: a named pipe would
 * block the poll on its open, a symbolic link would read whatever it points at (outside the
 * inbox, or {@code /etc/passwd}), a directory or a device is no document. Those, and files whose
 * names hold a line break or another control character, a backslash (Camel's file component
 * takes it for a path separator) or bytes that are not UTF-8 (the name cannot be opened again),
 * are left where they are and named, with the reason, in the run's report and output, once per
 * run; the log says it once per entry and process. The file consumer asks {@link #accept} for
 * each file it lists; {@link #tellLeftAlone} runs at the start of each poll.
 */
public final class FolderSelection implements GenericFileFilter<File> {
    private static final Logger LOG = LoggerFactory.getLogger(FolderSelection.class);

    private final Path folder;
    private final RunTracker runs;
    private final boolean inboxFile;
    /** Entries already logged by this process: a daemon meets them at every poll. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** @param inboxFile true for the inbox, false for the reviewers' decisions folder */
    public FolderSelection(Path folder, RunTracker runs, boolean inboxFile) {
        this.folder = folder;
        this.runs = runs;
        this.inboxFile = inboxFile;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        String name = file.getFileNameOnly();
        return isCandidate(name) && whyLeftAlone(folder.resolve(name), name) == null;
    }

    /** A name the folder's readers look at at all: {@code *.json}, not hidden (names starting with a dot are ignored). */
    static boolean isCandidate(String name) {
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** Why an entry named like a document is not read, or null when it is a regular file with a usable name. */
    static String whyLeftAlone(Path entry, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // gone meanwhile (read and moved by another instance), or its name cannot be opened
            return name.indexOf('\uFFFD') >= 0 ? NAME_NOT_UTF8 : null;
        }
        if (attributes.isSymbolicLink()) {
            return "a symbolic link: only regular files in the folder are read, never what a link points at";
        }
        if (attributes.isDirectory()) {
            return "a directory: only regular files in the folder are read";
        }
        if (attributes.isOther()) {
            return "not a regular file (a named pipe, a socket or a device): only regular files are read";
        }
        if (name.indexOf('\uFFFD') >= 0) {
            return NAME_NOT_UTF8;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "its name holds a control character (a line break, a tab, ...): rename the file to read it";
            }
            if (c == '\\') {
                return "its name holds a backslash, which is taken for a folder separator: rename the file to read it";
            }
        }
        return null;
    }

    private static final String NAME_NOT_UTF8 = "its name is not valid UTF-8: rename the file to read it";

    /**
     * Names, to the run of this poll, every entry of the folder this poll leaves alone, with the
     * reason; logs each once for this process.
     */
    public void tellLeftAlone() {
        Map<String, String> leftAlone = leftAlone();
        logged.retainAll(leftAlone.keySet());
        leftAlone.forEach((name, reason) -> {
            String shown = Text.visible(name);
            if (logged.add(name)) {
                LOG.warn("{}{}: left alone, {}", inboxFile ? "" : ReviewQueueLayout.DECISIONS + "/", shown, reason);
            }
            String named = inboxFile ? shown : ReviewQueueLayout.DECISIONS + "/" + shown;
            runs.tellRun(inboxFile, run -> run.report().unreadEntries().add(named, reason));
        });
    }

    /** The folder's entries named like documents that are not read, by name, with the reason. */
    Map<String, String> leftAlone() {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            for (Path entry : listing) {
                String name = entry.getFileName().toString();
                if (isCandidate(name)) {
                    String reason = whyLeftAlone(entry, name);
                    if (reason != null) {
                        entries.put(name, reason);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", folder, e.getMessage());
        }
        return entries;
    }
}
