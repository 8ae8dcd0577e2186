package tcplab.web;

import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.PredictBlock;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.Labs;

import java.util.List;

/**
 * One lab a request is about: a lesson's n-th lab, or a scenario's playground lab, of either
 * kind (a connection lab or a host lab). The same handlers serve all; only the page around
 * the lab and the view of the lab differ.
 */
sealed interface LabSpot {

    String lang();

    LabAddress address();

    Labs.Start start();

    String title();

    List<PredictBlock> predictions();

    /** The slug progress is kept under: the lesson's, or {@code play-<scenario>}. */
    String progressSlug();

    default boolean isHostLab() {
        return start().isHostLab();
    }

    record InLesson(Lesson lesson, LabBlock block, Labs.Start start, String title) implements LabSpot {
        @Override public String lang() {
            return lesson.lang();
        }

        @Override public LabAddress address() {
            return LabAddress.lesson(lesson.slug(), block.index() + 1);
        }

        @Override public List<PredictBlock> predictions() {
            return block.predictions();
        }

        @Override public String progressSlug() {
            return lesson.slug();
        }
    }

    record InPlayground(String lang, Labs.Start start, String title) implements LabSpot {
        @Override public LabAddress address() {
            return LabAddress.playground(start.spec().scenarioKey());
        }

        @Override public List<PredictBlock> predictions() {
            return List.of();
        }

        @Override public String progressSlug() {
            return "play-" + start.spec().scenarioKey();
        }
    }
}
