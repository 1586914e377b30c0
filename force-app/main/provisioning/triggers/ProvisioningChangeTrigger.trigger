trigger ProvisioningChangeTrigger on Provisioning_Change__e(after insert) {
    ProvisioningChangeSubscriber.handle(Trigger.new);
}
