import Foundation

extension [Condition] {
    /// Sets the condition of `type` with apimachinery's `SetStatusCondition` rules: a new
    /// condition gets `now` as its transition time; an existing one gets a new
    /// `lastTransitionTime` only when `status` changes, while `reason`, `message` and
    /// `observedGeneration` are updated silently. Returns whether anything changed, so callers
    /// patch status only when needed.
    @discardableResult
    public mutating func set(_ type: ConditionType, status: ConditionStatus, reason: ConditionReason,
                             message: String, observedGeneration: Int64?, now: Date) -> Bool {
        guard let index = firstIndex(where: { $0.type == type }) else {
            append(Condition(type: type, status: status, reason: reason, message: message,
                             observedGeneration: observedGeneration, lastTransitionTime: now))
            return true
        }
        let old = self[index]
        var new = old
        (new.reason, new.message, new.observedGeneration) = (reason, message, observedGeneration)
        if old.status != status { (new.status, new.lastTransitionTime) = (status, now) }
        self[index] = new
        return new != old
    }

    /// The condition of `type`, if present.
    public subscript(type: ConditionType) -> Condition? { first { $0.type == type } }
}
