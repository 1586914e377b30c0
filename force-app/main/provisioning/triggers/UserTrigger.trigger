trigger UserTrigger on User(after insert, after update) {
    UserTriggerHandler.handle(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
