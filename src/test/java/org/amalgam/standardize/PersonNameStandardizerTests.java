package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameStandardizerTests {

    private final PersonNameStandardizer standardizer = new PersonNameStandardizer();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ANN LEE                  | Ann Lee
            '  ann   lee '           | Ann Lee
            mcDONALD                 | McDonald
            McDONALD                 | McDonald
            mcdonald                 | McDonald
            o'brien                  | O'Brien
            O’BRIEN                  | O'Brien
            JEAN-PAUL                | Jean-Paul
            jean-paul sartre         | Jean-Paul Sartre
            ANNE-MARIE D'ANGELO      | Anne-Marie D'Angelo
            Ludwig VAN beethoven     | Ludwig van Beethoven
            jan van der berg         | Jan van der Berg
            VAN DER BERG             | Van der Berg
            de la cruz               | De la Cruz
            juan DE LA CRUZ          | Juan de la Cruz
            OTTO VON BISMARCK        | Otto von Bismarck
            MARINE LE PEN            | Marine Le Pen
            DeShawn                  | DeShawn
            DeShawn JOHNSON          | DeShawn Johnson
            Ludwig Van Beethoven     | Ludwig Van Beethoven
            MacArthur                | MacArthur
            macy                     | Macy
            j.r.r. tolkien           | J.R.R. Tolkien
            JOHN SMITH III           | John Smith III
            John Y Smith             | John Y Smith
            ÉMILE ZOLA               | Émile Zola
            ''                       |
            """)
    void capitalizesNamesKeepsParticlesSmallInsideAndLeavesDeliberateMixedCase(String input, String expected) {
        assertStandardized(standardizer.apply(input), expected, null);
    }
}
