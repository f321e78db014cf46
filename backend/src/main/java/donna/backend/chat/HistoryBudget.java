package donna.backend.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the conversation sent to the model within a token budget, dropping the oldest turns first. Tokens are
 * estimated at four characters each: close enough for a budget, and free (no tokenizer on the hot path).
 */
public final class HistoryBudget {
    private final int maxTokens;

    public HistoryBudget(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    static int estimateTokens(String text) {
        return text.length() / 4 + 4;
    }

    /** A message and the tool steps replayed before it. */
    static int cost(LanguageModel.Turn turn) {
        int tokens = estimateTokens(turn.text());
        for (LanguageModel.ToolItem item : turn.toolItems()) {
            tokens += switch (item) {
                case LanguageModel.Said said -> estimateTokens(said.text());
                case LanguageModel.Call call -> estimateTokens(call.name() + call.argumentsJson());
                case LanguageModel.Output output -> estimateTokens(output.outputJson());
            };
        }
        return tokens;
    }

    /** @param history oldest first; the result is a suffix of it that fits beside {@code reserved} tokens */
    public List<LanguageModel.Turn> fit(List<LanguageModel.Turn> history, int reserved) {
        int budget = maxTokens - reserved;
        int start = history.size();
        while (start > 0) {
            int cost = cost(history.get(start - 1));
            if (cost > budget) {
                break;
            }
            budget -= cost;
            start--;
        }
        return new ArrayList<>(history.subList(start, history.size()));
    }
}
