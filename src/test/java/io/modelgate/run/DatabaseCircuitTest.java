package io.modelgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.support.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseCircuitTest {
    @Test
    void inputsAreLeftAloneForTheWindowAfterAFailureThenTheDatabaseIsTriedAgain() {
        FakeClock clock = new FakeClock();
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
        FakeClock clock = new FakeClock();
        DatabaseCircuit circuit = new DatabaseCircuit(clock, Duration.ofSeconds(30));
        circuit.failed();
        clock.advance(Duration.ofSeconds(20));
        circuit.failed();
        clock.advance(Duration.ofSeconds(20));
        assertThat(circuit.isOpen()).isTrue();
    }
}
