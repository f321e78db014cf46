package donna.core.voice;

import java.util.List;

/** {@link VoiceDevices} over fixed lists that remember the choice (no platform behind them). Thread-safe. */
final class FixedVoiceDevices implements VoiceDevices {
    private final List<AudioDevice> inputs;
    private final List<AudioDevice> outputs;
    private volatile AudioDevice input;
    private volatile AudioDevice output;

    FixedVoiceDevices(List<AudioDevice> inputs, List<AudioDevice> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input and one output device");
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.input = inputs.getFirst();
        this.output = outputs.getFirst();
    }

    @Override
    public List<AudioDevice> inputs() {
        return inputs;
    }

    @Override
    public List<AudioDevice> outputs() {
        return outputs;
    }

    @Override
    public AudioDevice input() {
        return input;
    }

    @Override
    public AudioDevice output() {
        return output;
    }

    @Override
    public void useInput(AudioDevice device) {
        input = device;
    }

    @Override
    public void useOutput(AudioDevice device) {
        output = device;
    }
}
