package io.modelgate.config;

/** A setting or command-line option that cannot be used as given (exit code 2). */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
