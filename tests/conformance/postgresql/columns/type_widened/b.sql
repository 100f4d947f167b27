CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL, label varchar(80));
