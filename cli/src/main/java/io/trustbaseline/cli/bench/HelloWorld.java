package io.trustbaseline.cli.bench;

/** The floor the cold starts are compared with: a JVM that prints one line and exits. */
public final class HelloWorld {
    private HelloWorld() { }

    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
