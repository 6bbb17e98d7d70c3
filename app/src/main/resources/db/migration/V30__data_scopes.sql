-- Data scopes: the stores and regions a store manager or a salesperson works for. They see and change the customers
-- whose home store is one of those stores (a region stands for its stores) and the customers they own.
create table app_user_scope (
    username text not null references app_user (username) on delete cascade,
    kind     text not null check (kind in ('STORE', 'REGION')),
    code     text not null check (length(code) between 1 and 40),
    primary key (username, kind, code)
);
