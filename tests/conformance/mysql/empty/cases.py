"""An empty live database is a valid target: every expected object is missing, and the plan builds it."""
from tests.conformance.cases import Case

USERS = "CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(120) NOT NULL UNIQUE);\n"

CASES = {
    "one_table": Case(a="", b=USERS),
    "table_with_defaults": Case(a="", b="""CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status ENUM('new','done') NOT NULL DEFAULT 'new', created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  price DECIMAL(10,2) NOT NULL DEFAULT 0.00, note TEXT);"""),
    "parent_and_child": Case(a="", b=USERS + """CREATE TABLE posts (id INT PRIMARY KEY, user_id INT NOT NULL,
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);"""),
    "child_declared_first_order": Case(a="", b="""CREATE TABLE a_child (id INT PRIMARY KEY, p INT,
  CONSTRAINT a_child_p_fk FOREIGN KEY (p) REFERENCES z_parent (id));
CREATE TABLE z_parent (id INT PRIMARY KEY);""".replace("CREATE TABLE a_child", "SET FOREIGN_KEY_CHECKS=0;\nCREATE TABLE a_child")),
    "indexes_and_checks": Case(a="", b="""CREATE TABLE t (id INT PRIMARY KEY, qty INT NOT NULL, name VARCHAR(50),
  CONSTRAINT t_qty_pos CHECK (qty > 0), KEY t_name_idx (name), UNIQUE KEY t_qty_name (qty, name));"""),
    "fulltext_and_prefix": Case(a="", b="""CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(200), body TEXT,
  KEY docs_title_prefix (title(10)), FULLTEXT KEY docs_body_ft (body));"""),
    "generated_and_comment": Case(a="", b="""CREATE TABLE t (id INT PRIMARY KEY, a INT,
  b INT AS (a * 2) STORED, c INT AS (a + 1) VIRTUAL, note VARCHAR(10) COMMENT 'a note') COMMENT 'the table';"""),
    "self_reference": Case(a="", b="""CREATE TABLE nodes (id INT PRIMARY KEY, parent_id INT,
  CONSTRAINT nodes_parent_fk FOREIGN KEY (parent_id) REFERENCES nodes (id));"""),
    "charset_and_collation": Case(a="", b="""CREATE TABLE t (id INT PRIMARY KEY,
  name VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;"""),
    "composite_keys": Case(a="", b="""CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));
CREATE TABLE c (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT c_ab_fk FOREIGN KEY (a, b) REFERENCES p (a, b));"""),
    "auto_increment_outside_sole_key": Case(a="", b="""CREATE TABLE u (a INT NOT NULL,
  b BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (a), UNIQUE KEY u_b (b));
CREATE TABLE c (a INT NOT NULL, b INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (b, a));"""),
    "invisible_generated": Case(a="", b="""CREATE TABLE t (id INT PRIMARY KEY, a INT,
  g INT AS (a + 1) VIRTUAL INVISIBLE, s INT AS (a * 2) PERSISTENT INVISIBLE COMMENT 'twice');"""),
}
