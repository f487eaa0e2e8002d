package io.trustbaseline.localcloud.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IAM role ARN, {@code arn:aws:iam::<account>:role<path><name>}, with {@code path} "/" or "/a/b/". */
record RoleArn(String account, String path, String name) {
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]+/)?)([\\w+=,.@-]{1,64})");

    static Optional<RoleArn> parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        return m != null && m.matches() ? Optional.of(new RoleArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "arn:aws:iam::" + account + ":role" + path + name;
    }
}
