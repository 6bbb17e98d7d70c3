package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;

/** Name lists shared by card holders and salespeople; plain ASCII so that e-mail addresses can be derived. */
final class PersonNames {
    private static final String[] FEMALE = {
        "Anna", "Emma", "Olivia", "Sophia", "Mia", "Isabella", "Charlotte", "Amelia", "Grace", "Chloe",
        "Lucy", "Ella", "Hannah", "Laura", "Sarah", "Julia", "Nora", "Alice", "Ruby", "Zoe",
        "Mei", "Lina", "Yara", "Sofia", "Elena", "Maria", "Fatima", "Aisha", "Ingrid", "Clara"
    };
    private static final String[] MALE = {
        "James", "Oliver", "William", "Henry", "Lucas", "Noah", "Liam", "Jack", "Thomas", "Daniel",
        "David", "Samuel", "Leo", "Max", "Adam", "Ethan", "Oscar", "Felix", "Hugo", "Ryan",
        "Wei", "Omar", "Ivan", "Mateo", "Luca", "Arjun", "Kenji", "Jonas", "Erik", "Paul"
    };
    private static final String[] NEUTRAL = {"Alex", "Sam", "Robin", "Charlie", "Jordan", "Kim", "Morgan", "Taylor"};
    private static final String[] LAST = {
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Walker", "White",
        "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper",
        "Ward", "Baker", "King", "Wright", "Scott", "Young", "Allen", "Mitchell", "Carter", "Parker",
        "Chen", "Wang", "Li", "Zhang", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        "Garcia", "Martin", "Lopez", "Rossi", "Muller", "Schmidt", "Novak", "Kowalski", "Jensen", "Larsen",
        "Silva", "Costa", "Petrov", "Ivanova", "Khan", "Patel", "Singh", "Nguyen", "Tanaka", "Sato"
    };

    private PersonNames() {}

    /** A first name for gender F, M or X. */
    static String firstName(char gender, Sampler sampler) {
        String[] names = switch (gender) {
            case 'F' -> FEMALE;
            case 'M' -> MALE;
            default -> NEUTRAL;
        };
        return names[sampler.uniformInt(names.length)];
    }

    static String lastName(Sampler sampler) {
        return LAST[sampler.uniformInt(LAST.length)];
    }
}
