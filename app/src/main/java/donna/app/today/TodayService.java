package donna.app.today;

import donna.core.today.TakenMessage;
import donna.core.today.Today;

/** The front desk's day as the Today pane uses it; blocking, run through the app's executor. */
public interface TodayService {
    Today load();

    TakenMessage markDone(String messageId, boolean done);

    /** No service behind it (windows and tests without one): every call says so. */
    static TodayService detached() {
        return new TodayService() {
            @Override
            public Today load() {
                throw new IllegalStateException("DONNA's service is not running");
            }

            @Override
            public TakenMessage markDone(String messageId, boolean done) {
                throw new IllegalStateException("DONNA's service is not running");
            }
        };
    }
}
