-- A playbook per class of the 3x3 matrix (strategy.Playbooks): how to sell (the sales channel), what marketing aims at,
-- the purpose of campaigns on the class, a suggested campaign or journey to start from, and how often to contact its
-- customers. Seeded as seed 001 says: account managers for high volume, campaigns for medium, retailers for low;
-- partner with the satisfied, improve the medium, correct the dissatisfied.
create table class_playbook (
    matrix_class        text primary key,
    sales_channel       text not null check (sales_channel in ('ONE_TO_ONE', 'ONE_TO_MANY', 'THROUGH_RETAILERS')),
    marketing_aim       text not null check (marketing_aim in ('PARTNER', 'IMPROVE', 'CORRECT')),
    campaign_purpose    text not null,
    template_campaign   bigint,
    contact_every_days  integer not null check (contact_every_days between 1 and 3650),
    notes               text,
    updated_by          text not null,
    updated_at          timestamptz not null
);
insert into class_playbook (matrix_class, sales_channel, marketing_aim, campaign_purpose, contact_every_days, updated_by,
                            updated_at)
select v || '_VOLUME_' || s || '_SATISFACTION',
       case v when 'HIGH' then 'ONE_TO_ONE' when 'MEDIUM' then 'ONE_TO_MANY' else 'THROUGH_RETAILERS' end,
       case s when 'HIGH' then 'PARTNER' when 'MEDIUM' then 'IMPROVE' else 'CORRECT' end,
       case s when 'HIGH' then 'PARTNER_RECRUITMENT' else 'RETENTION' end,
       case v when 'HIGH' then 30 when 'MEDIUM' then 60 else 90 end,
       'system', now()
from unnest(array['HIGH', 'MEDIUM', 'LOW']) v, unnest(array['HIGH', 'MEDIUM', 'LOW']) s;
