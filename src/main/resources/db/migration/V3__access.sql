-- Access control: roles and Virtual Account scopes of users, server-side sessions, API clients, a richer audit log.
-- Written for H2 2.x and PostgreSQL alike.

-- Existing users (the initial admin) become system administrators.
alter table admin_user add column role varchar(20) default 'SYSADMIN' not null;
alter table admin_user add column enabled boolean default true not null;
alter table admin_user add column last_login_at timestamp with time zone;
-- True when the user (a viewer) sees only the Virtual Accounts listed in admin_user_account.
alter table admin_user add column account_scoped boolean default false not null;

create table admin_user_account (
    user_id             bigint not null,
    virtual_account_id  bigint not null,
    constraint pk_admin_user_account primary key (user_id, virtual_account_id),
    constraint fk_admin_user_account_user foreign key (user_id) references admin_user (id) on delete cascade
);

-- A browser session. Only the SHA-256 of the cookie value is stored: a copy of this table opens no session.
create table admin_session (
    id_hash         varchar(64) primary key,
    user_id         bigint not null,
    csrf_token      varchar(64) not null,
    created_at      timestamp with time zone not null,
    last_seen_at    timestamp with time zone not null,
    source_address  varchar(64),
    user_agent      varchar(300),
    constraint fk_admin_session_user foreign key (user_id) references admin_user (id) on delete cascade
);
create index ix_admin_session_user on admin_session (user_id);

-- Automation credentials. The bearer token is shown once; only its SHA-256 is stored.
create table api_client (
    id            varchar(24) primary key,
    name          varchar(64) not null,
    scopes        varchar(300) not null,
    token_hash    varchar(64) not null,
    created_by    varchar(100) not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone,
    last_used_at  timestamp with time zone,
    revoked_at    timestamp with time zone
);

-- The audit log says what was done to what, with what result, and the state before and after (secrets redacted).
alter table audit_event rename column outcome to status;
alter table audit_event add column result varchar(16) default 'success' not null;
alter table audit_event add column target varchar(300);
alter table audit_event add column before_state varchar(8000);
alter table audit_event add column after_state varchar(8000);
alter table audit_event alter column actor set data type varchar(120);
create index ix_audit_event_actor on audit_event (actor);
