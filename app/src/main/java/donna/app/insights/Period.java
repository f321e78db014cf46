package donna.app.insights;

/** The Overview's period: the last 7, 30 or 90 days up to now. */
public enum Period {
    WEEK(7), MONTH(30), QUARTER(90);

    private final int days;

    Period(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    @Override
    public String toString() {
        return "Last " + days + " days";
    }
}
