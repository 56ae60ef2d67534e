package io.modelgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DatabaseCircuitTest {
    /** A clock that moves only when told. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void inputsAreLeftAloneForTheWindowAfterAFailureThenTheDatabaseIsTriedAgain() {
        Hands clock = new Hands();
        DatabaseCircuit circuit = new DatabaseCircuit(clock, Duration.ofSeconds(30));
        circuit.ensureClosed();

        circuit.failed();
        assertThatThrownBy(circuit::ensureClosed).isInstanceOf(DatabaseAwayException.class)
                .hasMessage("the database failed after its retries moments ago");
        clock.advance(Duration.ofSeconds(29));
        assertThat(circuit.isOpen()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(circuit.isOpen()).isFalse();
        circuit.ensureClosed();
    }

    @Test
    void aFailureDuringTheWindowStartsItAgain() {
        Hands clock = new Hands();
        DatabaseCircuit circuit = new DatabaseCircuit(clock, Duration.ofSeconds(30));
        circuit.failed();
        clock.advance(Duration.ofSeconds(20));
        circuit.failed();
        clock.advance(Duration.ofSeconds(20));
        assertThat(circuit.isOpen()).isTrue();
    }
}
