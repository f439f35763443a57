// Placeholder replaced by the operator benchmark (see README's performance table).
