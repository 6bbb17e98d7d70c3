-- A campaign step that invites its members to an event: an email step naming the event (owned by forms; no foreign
-- key across the modules' tables, the step checks the event exists when saved). Its members' registrations and
-- check-ins come back as responses of the step.
alter table campaign_step add column event_id bigint;

-- REGISTERED and ATTENDED: a registration for the step's event and a check-in at it. Both are also recorded for
-- members of the control group (never invited, so what they do is the baseline the invitation is measured against).
alter table campaign_response drop constraint campaign_response_kind_check;
alter table campaign_response add constraint campaign_response_kind_check
    check (kind in ('DELIVERED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'BOUNCED', 'CALL_OUTCOME', 'REDEEMED',
                    'REGISTERED', 'ATTENDED'));
