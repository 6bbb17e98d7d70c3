-- Survey answers come in through the import machinery: a job and a saved mapping may be of that kind.
alter table import_mapping drop constraint import_mapping_kind_check;
alter table import_mapping add constraint import_mapping_kind_check
    check (kind in ('CUSTOMERS', 'PRODUCTS', 'STORES', 'SALES', 'RECEIPTS', 'SURVEY_ANSWERS'));
alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check
    check (kind in ('CUSTOMERS', 'PRODUCTS', 'STORES', 'SALES', 'RECEIPTS', 'SURVEY_ANSWERS'));
